import AvaraCore

/// The frame of the service's few HTML pages: one small stylesheet, no scripts, no external resources.
enum PageLayout {
    static func document(title: String, body: String) -> String {
        let html = HTMLEscaping.escape
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="UTF-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>\(html(title))</title>
            <style>
            body{margin:0;background:#f4f5f7;font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1f2933}
            main{max-width:440px;margin:48px auto;padding:32px;background:#fff;border-radius:10px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
            h1{font-size:22px;margin:0 0 12px}
            p{font-size:15px;line-height:22px;margin:0 0 16px}
            .muted{color:#52606d;font-size:14px}
            label{display:block;font-size:14px;font-weight:600;margin:16px 0 6px}
            input{box-sizing:border-box;width:100%;padding:10px 12px;font-size:16px;border:1px solid #cbd2d9;border-radius:6px}
            button{margin-top:24px;width:100%;padding:12px;font-size:16px;font-weight:600;color:#fff;background:#1f6feb;border:0;border-radius:6px;cursor:pointer}
            .errors{background:#fdecea;color:#8a1c13;border-radius:6px;padding:10px 14px;font-size:14px}
            .errors li{margin:4px 0}
            </style>
            </head>
            <body>
            <main>
            \(body)
            </main>
            </body>
            </html>

            """
    }
}
