/// The dashboard's one stylesheet, served by the binary at `/dashboard/assets/dashboard.css` (the pages' policy
/// allows styles from the service itself only).
enum DashboardStylesheet {
    static let css = """
        :root{--ink:#1f2933;--muted:#52606d;--line:#d9e2ec;--bg:#f4f5f7;--card:#fff;--primary:#1759c4;--danger:#b42318;--focus:#f59e0b}
        *{box-sizing:border-box}
        body{margin:0;background:var(--bg);font:16px/1.5 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:var(--ink)}
        a{color:var(--primary)}
        :focus-visible{outline:3px solid var(--focus);outline-offset:2px}
        .skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:2}
        .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
        .bar{display:flex;flex-wrap:wrap;align-items:center;gap:8px 20px;padding:12px 24px;background:#102a43;color:#fff}
        .bar a,.bar .link{color:#fff}
        .brand{font-weight:700;font-size:18px;margin-right:8px}
        .bar nav ul{display:flex;flex-wrap:wrap;gap:4px 16px;list-style:none;margin:0;padding:0}
        .bar a[aria-current=page]{font-weight:700;text-decoration:underline}
        .who{margin-left:auto;color:#bcccdc;font-size:14px}
        main{max-width:1240px;margin:0 auto;padding:24px 16px}
        main:focus{outline:none}
        h1{font-size:24px;margin:0 0 16px}h2{font-size:19px;margin:0 0 12px}
        .card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:24px;margin-bottom:20px}
        .narrow{max-width:460px;margin:32px auto}
        .heading{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:12px;margin-bottom:16px}
        .heading h1{margin:0}
        label{display:block;font-weight:600;margin:16px 0 6px}
        label.check{display:inline;font-weight:500;margin:0 0 0 8px}
        .field{margin-bottom:4px}.field input[type=checkbox]{width:20px;height:20px;vertical-align:middle;margin-top:16px}
        input[type=text],input[type=email],input[type=tel],input[type=password],input[type=search],select{width:100%;max-width:460px;padding:10px 12px;font-size:16px;border:1px solid #9aa5b1;border-radius:6px;background:#fff;color:var(--ink)}
        .invalid input,.invalid select{border-color:var(--danger)}
        .hint{margin:0 0 6px;color:var(--muted);font-size:14px}
        .error{margin:6px 0 0;color:var(--danger);font-weight:600;font-size:14px}
        .muted{color:var(--muted)}
        button,.button{display:inline-block;padding:10px 18px;font-size:16px;font-weight:600;border-radius:6px;border:1px solid transparent;cursor:pointer;text-decoration:none;margin:20px 8px 0 0}
        .primary{background:var(--primary);color:#fff}
        .secondary{background:#fff;color:var(--primary);border-color:#9aa5b1}
        .danger{background:var(--danger);color:#fff}
        .link{background:none;border:0;padding:0;margin:0;text-decoration:underline;font-weight:500;font-size:15px}
        .inline{display:inline}
        .summary{border:2px solid var(--danger);border-radius:8px;padding:12px 16px;margin-bottom:16px;background:#fff5f4}
        .summary h2{font-size:17px;color:var(--danger)}
        .summary a{color:var(--danger);font-weight:600}
        .notice{background:#e3f9e5;border:1px solid #31a24c;border-radius:8px;padding:10px 14px}
        .filters{display:flex;flex-wrap:wrap;gap:0 16px;align-items:flex-end;margin-bottom:16px}
        .filters>div{flex:1 1 180px}.filters label{margin-top:0}.filters button{margin-top:0}
        .table-wrap{overflow-x:auto;background:#fff;border:1px solid var(--line);border-radius:10px}
        table{border-collapse:collapse;width:100%;font-size:15px}
        th,td{text-align:left;padding:10px 12px;border-bottom:1px solid var(--line);white-space:nowrap}
        th{background:#f0f4f8;font-size:13px;text-transform:uppercase;letter-spacing:.03em;color:var(--muted)}
        .badge{display:inline-block;padding:2px 10px;border-radius:999px;font-size:13px;font-weight:600}
        .ok{background:#e3f9e5;color:#0e5a1f}.info{background:#e6f0ff;color:#123c85}.warn{background:#fff3c4;color:#6b4a00}
        .bad{background:#ffe3e3;color:#8a1c13}.off{background:#e4e7eb;color:#323f4b}
        .fields{display:grid;grid-template-columns:max-content 1fr;gap:8px 24px;margin:0}
        .fields dt{font-weight:600;color:var(--muted)}.fields dd{margin:0;overflow-wrap:anywhere}
        .actions{margin-top:8px}
        .empty{background:#fff;border:1px dashed #9aa5b1;border-radius:10px;padding:32px;text-align:center}
        .choices{list-style:none;padding:0}.choices button{width:100%;text-align:left}
        .events{padding-left:20px}.events li{margin:6px 0}
        td.wrap{white-space:normal;min-width:240px}.errors{margin:0;padding-left:18px}
        .counts{display:flex;flex-wrap:wrap;gap:8px 24px;list-style:none;margin:0 0 8px;padding:0}
        pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f0f4f8;padding:10px 12px;border-radius:6px}
        input[type=file]{font-size:16px;max-width:100%}
        @media (max-width:600px){.fields{grid-template-columns:1fr}.fields dd{margin-bottom:8px}.who{margin-left:0}main{padding:16px 8px}.card{padding:16px}}
        @media (max-width:600px){.stack thead{display:none}.stack,.stack tbody,.stack tr,.stack td{display:block;width:auto}
        .stack tr{border-bottom:1px solid var(--line);padding:6px 0}.stack td{border:0;padding:4px 12px;white-space:normal;overflow-wrap:anywhere;min-width:0}
        .stack td[data-label]::before{content:attr(data-label);display:inline-block;min-width:8.5em;font-size:13px;font-weight:600;color:var(--muted)}}
        """
}
