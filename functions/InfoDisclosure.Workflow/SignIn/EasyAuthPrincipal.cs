using System.Text;
using System.Text.Json;

namespace InfoDisclosure.Workflow.SignIn;

/// <summary>
/// The identity App Service Authentication (EasyAuth) puts in X-MS-CLIENT-PRINCIPAL: base64 of JSON
/// <c>{"auth_typ":…,"claims":[{"typ":…,"val":…}],…}</c>. Only read when Auth__EasyAuth is true.
/// </summary>
public static class EasyAuthPrincipal
{
    public const string HeaderName = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>Claims that carry an e-mail address, most specific first (Entra ID puts it in preferred_username or upn too).</summary>
    private static readonly string[] EmailClaims =
    [
        "email",
        "emails",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
        "preferred_username",
        "upn",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn",
    ];

    /// <summary>The e-mail claim of the header, or null when the header is missing, malformed or has none.</summary>
    public static string? Email(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Length > 64 * 1024) return null;
        try
        {
            using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(header.Trim())));
            if (!json.RootElement.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array) return null;
            var values = claims.EnumerateArray()
                .Where(c => c.ValueKind == JsonValueKind.Object && c.TryGetProperty("typ", out var t) && t.ValueKind == JsonValueKind.String
                            && c.TryGetProperty("val", out var v) && v.ValueKind == JsonValueKind.String)
                .Select(c => (Type: c.GetProperty("typ").GetString()!, Value: c.GetProperty("val").GetString()!))
                .ToList();
            return EmailClaims.Select(type => values.FirstOrDefault(c => string.Equals(c.Type, type, StringComparison.OrdinalIgnoreCase)).Value)
                .FirstOrDefault(value => value is not null && Agencies.AgencyValidator.IsEmail(value));
        }
        catch (Exception e) when (e is FormatException or JsonException or DecoderFallbackException)
        {
            return null;
        }
    }
}
