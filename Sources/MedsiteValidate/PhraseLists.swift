import MedsiteBase
import MedsiteParse

/// The phrase lists content rules search for, in one place. medsite.yml adds to them:
///
///     phrases:
///       promotional: ["book your scan today"]
///       unsupported_claims: ["reverses ageing"]
public enum PhraseLists {
    /// Selling, not informing (HONcode: advertising kept apart from content).
    public static let promotional: [String] = [
        "buy now", "order now", "order today", "shop now", "add to cart", "add to basket",
        "purchase this report", "purchasing this report", "buy this report", "get a sample pdf",
        "download a sample", "discount code", "promo code", "coupon code",
        "limited time offer", "limited-time offer", "special offer", "exclusive offer", "money-back guarantee",
        "money back guarantee", "free shipping", "free trial", "lowest price", "best price", "subscribe now",
        "sign up now", "click here to buy", "while stocks last",
    ]

    /// Claims no evidence supports (PIF TICK, HONcode: justifiable, balanced claims). A claim that is
    /// denied ("there is no miracle cure", "nothing is 100% safe") or debunked is not reported, nor
    /// one that is only true of some people when the sentence says so ("most people have no side
    /// effects"): `ClaimContext` reads the sentence.
    public static let unsupportedClaims: [String] = [
        "miracle cure", "miracle treatment", "cure-all", "guaranteed cure", "guaranteed to cure", "guaranteed results",
        "guaranteed to work", "100% effective", "100% safe", "100% natural", "100% cure", "100% success",
        "no side effects", "without any side effects", "secret ingredient", "secret cure",
        "they don't want you to know", "doctors don't want you to know", "doctors hate", "one weird trick",
        "cure cancer naturally", "instant cure", "detox your body", "big pharma doesn't want",
        "scientifically proven to cure", "completely safe", "totally safe", "perfectly safe", "safe for everyone",
        "works for everyone", "works for everybody", "without side effects", "risk-free",
    ]

    /// The built-in list plus medsite.yml's `phrases:` additions, normalised for matching.
    static func phrases(_ builtIn: [String], extra key: String, settings: SiteSettings) -> [String] {
        var seen = Set<String>()
        return (builtIn + (settings.extraPhrases[key] ?? [])).map(PhraseMatcher.normalize).filter {
            !$0.isEmpty && seen.insert($0).inserted
        }
    }
}
