/// The private links of a session. The token is in the fragment (after `#`), which browsers never send
/// to a server or put in a `Referer`: the page reads it and sends it as `Authorization: Bearer`.
public enum SessionLinks {
    /// A member's link: `BASE/vote#s=SESSION&t=TOKEN`.
    public static func member(base: String, session: String, token: String) -> String {
        "\(base)/vote#s=\(session)&t=\(token)"
    }

    /// The facilitator's link: `BASE/facilitate#s=SESSION&t=TOKEN`.
    public static func admin(base: String, session: String, token: String) -> String {
        "\(base)/facilitate#s=\(session)&t=\(token)"
    }
}
