import Foundation

/// An HTTP exchange's outcome before it is read as a probe answer.
enum FetchResult {
    case answered(status: Int, body: Data)
    case failed(String)

    func map(_ read: (_ answer: (status: Int, body: Data)) -> ProbeResponse) -> ProbeResponse {
        switch self {
        case .answered(let status, let body): read((status, body))
        case .failed(let problem): .failed(problem)
        }
    }
}
