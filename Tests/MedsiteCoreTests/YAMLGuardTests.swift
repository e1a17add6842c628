import Testing
@testable import MedsiteCore
@testable import MedsiteBase
@testable import MedsiteParse
@testable import MedsiteValidate
@testable import MedsiteRender

/// The guard's quick pre-scan must never let through what the full event scan refuses.
@Suite struct YAMLGuardTests {
    func nested(_ depth: Int) -> String {
        "tags: " + String(repeating: "[", count: depth - 1) + "x" + String(repeating: "]", count: depth - 1) + "\n"
    }

    @Test func depthLimitHoldsOnBothSidesOfThePreScan() {
        // `tags:` opens the top mapping, each `[` one more level: 64 levels is allowed, 65 is not.
        #expect(YAMLGuard.check(nested(YAMLGuard.maximumDepth)) == nil)
        #expect(YAMLGuard.check(nested(YAMLGuard.maximumDepth + 1))?.message.contains("nested more than") == true)
        // Block nesting: one `key:` per level.
        var block = ""
        for level in 0...YAMLGuard.maximumDepth { block += String(repeating: "  ", count: level) + "k\(level):\n" }
        block += String(repeating: "  ", count: YAMLGuard.maximumDepth + 1) + "leaf\n"
        #expect(YAMLGuard.check(block)?.message.contains("nested more than") == true)
    }

    @Test func aliasesAreRefusedAndStarsInTextAreNot() {
        #expect(YAMLGuard.check("a: &x 1\nb: *x\n")?.message.contains("a copy of another value") == true)
        #expect(YAMLGuard.check("title: \"5 * 3 = 15\"\nnote: 'a*b'\n") == nil)
        #expect(YAMLGuard.check("title: Plain\ndescription: No stars, few colons\n") == nil)
    }
}
