import MedsiteBase
import MedsiteParse
import MedsiteValidate

/// One step of a breadcrumb trail: a name and a site-relative address (`conditions/pml/`).
package struct Breadcrumb: Sendable {
    package let name: String
    package let path: String
}
