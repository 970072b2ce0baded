import Reports

/// Escapes text for HTML element content and attribute values.
func esc(_ s: String?) -> String {
    s.map(HTMLRenderer.escaped) ?? ""
}
