import AvaraCore
import HTTPTypes
import Hummingbird

extension Router<AvaraRequestContext> {
    /// Serves `routes`: the open ones as they are; logins behind the JSON body checks; the clinic's operations
    /// behind `authentication`, the key's `rateLimit` (when limiting is on), the JSON body checks and the
    /// ``ClinicRequestContext`` they run with. Other methods on a route's path answer 405 with `Allow`.
    ///
    /// The router matches paths by segments, so every spelling of a route's path (a trailing slash, say) reaches
    /// the same handler, with everything that comes with it.
    func addRoutes(_ routes: APIRoutes, authentication: AuthenticationMiddleware, rateLimit: RateLimitMiddleware?) {
        for route in routes.open {
            on(route.routerPath, method: route.method, use: route.handle)
        }
        let login = group().add(middleware: JSONBodyMiddleware())
        for route in routes.login {
            login.on(route.routerPath, method: route.method, use: route.handle)
        }
        let authenticated = group().add(middleware: authentication)
        if let rateLimit { authenticated.add(middleware: rateLimit) }
        let clinic =
            authenticated
            .add(middleware: JSONBodyMiddleware())
            .group(context: ClinicRequestContext.self)
        for route in routes.clinic {
            clinic.on(route.routerPath, method: route.method, use: route.handle)
        }
        addMethodNotAllowed(for: routes.open.map(\.declaration) + routes.login.map(\.declaration))
        addMethodNotAllowed(for: routes.clinic.map(\.declaration))
    }

    /// Answers 405 on each path of `operations` for the methods none of them has there.
    private func addMethodNotAllowed(for operations: [APIOperation]) {
        let candidates: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete]
        var methodsByPath: [String: [String]] = [:]
        for operation in operations { methodsByPath[operation.path, default: []].append(operation.method) }
        for (path, methods) in methodsByPath {
            let allow = methods.joined(separator: ", ")
            let routerPath = RouterPath(template: path)
            for method in candidates where !methods.contains(method.rawValue) {
                on(routerPath, method: method) { _, _ -> Response in
                    throw HTTPError(.methodNotAllowed, headers: [.allow: allow])
                }
            }
        }
    }
}
