import Foundation
import Hummingbird

/// Builds the API's JSON responses with one encoder, so every endpoint writes dates the
/// same way (ISO 8601, UTC unless a caller asked for local time) and keys in a stable order.
public enum JSONResponse {
    /// `value` as JSON; dates as ISO 8601 in UTC.
    public static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok, timeZone: TimeZone? = nil) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let style = Date.ISO8601FormatStyle(timeZone: timeZone ?? TimeZone(identifier: "UTC")!).year().month().day()
            .time(includingFractionalSeconds: false).timeZone(separator: .colon)
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(style))
        }
        // Encoding our own value types cannot fail; an empty object keeps the response JSON if it ever did.
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                         body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Plain text with a media type (CSV, YAML, Prometheus text).
    public static func text(_ text: String, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: contentType], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
