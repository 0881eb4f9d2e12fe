import AvaraCore
import Foundation

/// `attributes` and `excludedAttributes` (RFC 7644 §3.4.2.5): which attributes of a resource a response returns.
/// `id` and `schemas` are always returned; names compare without case, with or without the core schema's URN; an
/// extension's attribute is named by its URN (`urn:…:avara:2.0:User:clinicRole`); a sub-attribute
/// (`name.givenName`) keeps or drops only itself.
struct SCIMProjection: Equatable {
    /// An attribute, lowercased, and maybe one of its sub-attributes.
    struct Name: Equatable {
        var attribute: String
        var subAttribute: String?
    }

    var attributes: [Name] = []
    var excludedAttributes: [Name] = []

    /// The lists as a query or a search request gives them: comma-separated names.
    init(attributes: String?, excludedAttributes: String?) {
        func names(_ text: String?) -> [Name] {
            (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }.map(Self.name)
        }
        self.attributes = names(attributes)
        self.excludedAttributes = names(excludedAttributes)
    }

    /// `resource` with only the attributes asked for, or without those excluded.
    func apply(to resource: [String: JSONValue]) -> [String: JSONValue] {
        var kept = resource
        if !attributes.isEmpty {
            kept = [:]
            for (key, value) in resource {
                let attribute = key.lowercased()
                if ["id", "schemas"].contains(attribute)
                    || attributes.contains(Name(attribute: attribute, subAttribute: nil))
                {
                    kept[key] = value
                } else if case .object(let members) = value {
                    let chosen = members.filter { member in
                        attributes.contains(Name(attribute: attribute, subAttribute: member.key.lowercased()))
                    }
                    if !chosen.isEmpty { kept[key] = .object(chosen) }
                }
            }
        }
        for excluded in excludedAttributes where !["id", "schemas"].contains(excluded.attribute) {
            guard let key = kept.keys.first(where: { $0.lowercased() == excluded.attribute }) else { continue }
            guard let sub = excluded.subAttribute else {
                kept[key] = nil
                continue
            }
            if case .object(let members) = kept[key] {
                kept[key] = .object(members.filter { $0.key.lowercased() != sub })
            }
        }
        return kept
    }

    private static func name(_ text: String) -> Name {
        var lowered = text.lowercased()
        let core = SCIMSchemaURN.user.lowercased() + ":"
        if lowered.hasPrefix(core) { lowered.removeFirst(core.count) }
        let avara = SCIMSchemaURN.avaraUser.lowercased()
        if lowered.hasPrefix(avara) {
            let rest = lowered.dropFirst(avara.count)
            return Name(attribute: avara, subAttribute: rest.hasPrefix(":") ? String(rest.dropFirst()) : nil)
        }
        let parts = lowered.split(separator: ".", maxSplits: 1).map(String.init)
        return Name(attribute: parts.first ?? lowered, subAttribute: parts.count > 1 ? parts[1] : nil)
    }
}
