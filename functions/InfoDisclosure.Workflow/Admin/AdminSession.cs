using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using InfoDisclosure.Workflow.Api;
using Microsoft.AspNetCore.Http;

namespace InfoDisclosure.Workflow.Admin;

/// <summary>
/// Who may see the overview page: a caller sending the API key (x-functions-key, as every /api call), or a browser
/// holding the session cookie that the login form sets after the same key was typed in. The key never appears in a URL.
/// The cookie is "expiry.hmac" keyed with a hash of the API key: no server-side state, and changing Api__Key ends every
/// session. HttpOnly, SameSite=Strict, Secure on https, scoped to the overview's path.
/// </summary>
public static class AdminSession
{
    public const string CookieName = "infodisclosure-overview";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    public static bool IsAuthorized(HttpContext http, string apiKey, DateTimeOffset now) =>
        ApiKeyCheck.IsAuthorized(http.Request.Headers[ApiKeyCheck.HeaderName].ToString(), apiKey)
        || IsValid(http.Request.Cookies[CookieName], apiKey, now);

    public static string Issue(string apiKey, DateTimeOffset now)
    {
        var expires = (now + Lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"{expires}.{Mac(apiKey, expires)}";
    }

    public static bool IsValid(string? cookie, string apiKey, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(apiKey) || string.IsNullOrEmpty(cookie)) return false;
        var dot = cookie.IndexOf('.');
        if (dot <= 0 || !long.TryParse(cookie.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var expires)) return false;
        if (now.ToUnixTimeSeconds() >= expires) return false;
        var expected = Encoding.ASCII.GetBytes(Mac(apiKey, cookie[..dot]));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(cookie[(dot + 1)..]));
    }

    public static void SetCookie(HttpContext http, string value, string path) =>
        http.Response.Cookies.Append(CookieName, value, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = path,
            MaxAge = Lifetime,
        });

    public static void ClearCookie(HttpContext http, string path) =>
        http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = path, HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps });

    private static string Mac(string apiKey, string expires)
    {
        var key = SHA256.HashData(Encoding.UTF8.GetBytes("overview-session|" + apiKey));
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(expires)));
    }
}
