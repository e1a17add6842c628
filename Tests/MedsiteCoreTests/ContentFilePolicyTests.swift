import Testing
@testable import MedsiteBase

/// The SVG check (issue 14): every way an SVG can run script is refused; pictures pass.
@Suite struct ContentFilePolicyTests {
    static let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">"

    @Test func scriptedSVGsAreFound() {
        let attacks = [
            "<svg onload=alert(1)>", "<svg/onload=alert(1)>", "<svg><g ONCLICK = \"x()\"/></svg>",
            Self.svg + "<script>alert(1)</script></svg>",
            Self.svg + "<SCRIPT xlink:href=\"x.js\"/></svg>",
            Self.svg + "<h:script xmlns:h=\"http://www.w3.org/1999/xhtml\">alert(1)</h:script></svg>",
            Self.svg + "<a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
            Self.svg + "<a href=\"  JaVaScRiPt:alert(1)\">x</a></svg>",
            Self.svg + "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a></svg>",
            Self.svg + "<a href=\"java&#x0A;script&colon;alert(1)\">x</a></svg>",
            Self.svg + "<animate attributeName=\"href\" values=\"javas&#99;ript:alert(1)\"/></svg>",
            Self.svg + "<set attributeName=\"href\" to=\"vbscript:x\"/></svg>",
            Self.svg + "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a></svg>",
            Self.svg + "<use href=\"data:image/svg+xml;base64,PHN2Zz4=#x\"/></svg>",
            Self.svg + "<foreignObject><body xmlns=\"http://www.w3.org/1999/xhtml\"><img src=x onerror=alert(1)></body></foreignObject></svg>",
            Self.svg + "<iframe src=\"x\"/></svg>", Self.svg + "<embed src=\"x\"/></svg>", Self.svg + "<object data=\"x\"/></svg>",
            "<!DOCTYPE svg [<!ENTITY js \"javascript:alert(1)\">]>" + Self.svg + "<a href=\"&js;\">x</a></svg>",
            "<?xml-stylesheet type=\"text/xsl\" href=\"data:text/xsl,x\"?>" + Self.svg + "</svg>",
            Self.svg + "<handler type=\"application/ecmascript\">alert(1)</handler></svg>",
        ]
        for attack in attacks {
            #expect(SVGInspection.activeContent(Array(attack.utf8)) != nil, "\(attack)")
        }
        // UTF-16 hides `<script>` from a UTF-8 reading; an XML parser reads it.
        let utf16: [UInt8] = [0xFF, 0xFE] + Array((Self.svg + "<script>alert(1)</script></svg>").utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(SVGInspection.activeContent(utf16) != nil)
    }

    @Test func picturesPass() {
        let pictures = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + Self.svg + "<title>One (step) – wash hands</title><desc>Done = clean</desc><path d=\"M0 0h10\" stroke=\"#005eb8\"/></svg>",
            Self.svg + "<defs><linearGradient id=\"g\"/></defs><rect fill=\"url(#g)\" width=\"4\" height=\"4\"/><a href=\"https://www.nhs.uk/\"><text>NHS</text></a></svg>",
            Self.svg + "<image href=\"photo.png\" width=\"10\" height=\"10\"/><animate attributeName=\"opacity\" values=\"0;1\" dur=\"1s\"/></svg>",
        ]
        for picture in pictures {
            #expect(SVGInspection.activeContent(Array(picture.utf8)) == nil, "\(picture)")
        }
    }

    @Test func theLineOfTheScriptIsReported() {
        let text = Self.svg + "\n<circle r=\"1\"/>\n\n<script>x</script>\n</svg>"
        #expect(SVGInspection.activeContent(Array(text.utf8))?.line == 4)
    }
}
