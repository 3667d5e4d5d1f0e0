import Foundation
import KubeSandbox
import Testing

/// Parses JSON written in a test table; a typo in a table fails the test that uses it.
func json(_ text: String) throws -> JSONValue {
    try JSONValue(data: Data(text.utf8))
}

/// One row of a patch table: the document, the patch, and the expected result.
struct PatchCase: Sendable, CustomTestStringConvertible {
    let name: String
    let original: String
    let patch: String
    let expected: String

    var testDescription: String { name }
}

/// One row of a table of patches that must fail: the document, the patch, and the whole error message.
struct FailingPatchCase: Sendable, CustomTestStringConvertible {
    let name: String
    let original: String
    let patch: String
    let message: String

    var testDescription: String { name }
}
