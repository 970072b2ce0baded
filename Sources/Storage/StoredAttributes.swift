import Foundation
import IndicatorKit

/// How a record's attributes are kept in a store's text column: a JSON object with sorted keys, or
/// NULL for none. Every store that keeps them as text uses this one encoding.
public enum StoredAttributes {
    /// The JSON text of `attributes`, nil when there are none.
    public static func encode(_ attributes: [String: String]) -> String? {
        guard !attributes.isEmpty else { return nil }
        var out = "{"
        for (i, key) in attributes.keys.sorted().enumerated() {
            if i > 0 { out += "," }
            JSONText.appendString(key, to: &out)
            out += ":"
            JSONText.appendString(attributes[key]!, to: &out)
        }
        return out + "}"
    }

    /// The attributes a column holds; none for NULL or text that is not a JSON object of strings.
    public static func decode(_ text: String?) -> [String: String] {
        guard let text, let data = text.data(using: .utf8),
            let dict = try? JSONDecoder().decode([String: String].self, from: data)
        else { return [:] }
        return dict
    }
}
