using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace InfoDisclosure.Workflow.SignIn;

/// <summary>
/// The session cookie: the person's e-mail and the session id, protected (encrypted and authenticated) by ASP.NET Core
/// Data Protection with keys in Blob storage. HttpOnly, SameSite=Lax (the e-mailed link's top-level GET still carries
/// it; a cross-site POST does not), Secure on https, the whole site. No expiry of its own: the server decides (idle
/// time, revocation), and the browser drops it when closed.
/// </summary>
public sealed class SessionCookie(IDataProtectionProvider provider)
{
    public const string Name = "infodisclosure-session";
    private readonly IDataProtector _protector = provider.CreateProtector("InfoDisclosure.SignIn.Session.v1");

    public void Write(HttpContext http, string email, string sessionId) =>
        http.Response.Cookies.Append(Name, _protector.Protect($"{email}\n{sessionId}"), Options(http));

    public void Clear(HttpContext http) => http.Response.Cookies.Delete(Name, Options(http));

    /// <summary>The e-mail and session id in the request's cookie, or null when there is none or it was not made by us.</summary>
    public (string Email, string SessionId)? Read(HttpContext http)
    {
        if (http.Request.Cookies[Name] is not { Length: > 0 } value) return null;
        try
        {
            var parts = _protector.Unprotect(value).Split('\n');
            return parts.Length == 2 ? (parts[0], parts[1]) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static CookieOptions Options(HttpContext http) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = http.Request.IsHttps,
        Path = "/",
        IsEssential = true,
    };
}
