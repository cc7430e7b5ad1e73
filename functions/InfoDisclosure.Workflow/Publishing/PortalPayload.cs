using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace InfoDisclosure.Workflow.Publishing;

/// <summary>
/// The body POSTed to an agency portal. <see cref="Sha256"/> is the hex SHA-256 of <see cref="Html"/> (UTF-8), so the
/// portal can check what it shows; <see cref="PublishedAt"/> is when the system released the report (the first attempt),
/// so every retry sends the same bytes under the same <see cref="IdempotencyKey"/>.
/// </summary>
public sealed record PortalPayload(
    [property: JsonPropertyName("agencyId")] string AgencyId,
    [property: JsonPropertyName("agencyName")] string AgencyName,
    [property: JsonPropertyName("year")] int Year,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("html")] string Html,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("publishedAt")] DateTimeOffset PublishedAt,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("idempotencyKey")] string IdempotencyKey)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static PortalPayload Parse(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize<PortalPayload>(utf8, Json) ?? throw new JsonException("The portal body is empty.");
}

/// <summary>X-Signature: sha256=&lt;hex HMAC-SHA256 of the exact body bytes, keyed with Portal__Secret&gt;.</summary>
public static class PortalSignature
{
    public const string Header = "X-Signature";
    public const string IdempotencyHeader = "Idempotency-Key";
    private const string Prefix = "sha256=";

    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Constant-time check of a received header value (what a portal does; the tests' receiver uses it).</summary>
    public static bool Verify(ReadOnlySpan<byte> body, string secret, string? header)
    {
        if (string.IsNullOrEmpty(header) || !header.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(body, secret));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(header.ToLowerInvariant()));
    }

    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
