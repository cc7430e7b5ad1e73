using InfoDisclosure.Workflow.Access;
using InfoDisclosure.Workflow.Agencies;
using InfoDisclosure.Workflow.Notifications;
using InfoDisclosure.Workflow.People;
using InfoDisclosure.Workflow.Review.Links;
using InfoDisclosure.Workflow.Storage;
using InfoDisclosure.Workflow.Web;
using InfoDisclosure.Workflow.Web.SignIn;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InfoDisclosure.Workflow.SignIn;

public enum SignInRequestStatus
{
    /// <summary>Answered "check your mail", whether or not a link was sent.</summary>
    Accepted,
    Invalid,
    Limited,
}

public enum RedeemStatus { SignedIn, Invalid, Limited }

public sealed record RedeemOutcome(RedeemStatus Status, string? Email = null, string? SessionId = null, string ReturnPath = "/");

/// <summary>
/// Passwordless sign-in: a one-time link by e-mail (15 minutes, single use, only its hash stored), then a server-side
/// session. Requests are limited per address and per client; unknown links count as failures of the client. Sign-in
/// and sign-out are audited (partition "access").
/// </summary>
public sealed class SignInService(
    PeopleDirectory directory,
    SignInLinkStore links,
    SessionStore sessions,
    AttemptLimiter limiter,
    AccessAudit audit,
    IEmailSender mail,
    PageRenderer renderer,
    IOptions<ReviewLinkOptions> publicAddress,
    IOptions<AuthOptions> options,
    TimeProvider time,
    ILogger<SignInService> logger)
{
    public int LinkMinutes => (int)Math.Ceiling(options.Value.SignInLinkValidity.TotalMinutes);

    /// <summary>
    /// Sends a link when <paramref name="email"/> belongs to a person; the answer does not tell whether it does. Each
    /// request counts against the address and the client, known or not.
    /// </summary>
    public async Task<SignInRequestStatus> RequestLinkAsync(string email, string returnPath, string? client, CancellationToken ct)
    {
        if (!AgencyValidator.IsEmail(email)) return SignInRequestStatus.Invalid;
        var key = PersonEmail.Normalize(email);
        var limits = limiter.Limits;
        if (!limiter.TryTake($"sign-in:client:{client}", limits.SignInPerClient) || !limiter.TryTake($"sign-in:address:{key}", limits.SignInPerAddress))
        {
            await audit.RefusedAsync(key, "POST /sign-in", "too many sign-in requests (rate limit)", client, ct);
            return SignInRequestStatus.Limited;
        }
        var person = await directory.FindAsync(key, ct);
        if (person is null)
        {
            await audit.RefusedAsync(key, "POST /sign-in", "no person has this address; no link sent", client, ct);
            return SignInRequestStatus.Accepted;
        }
        var (token, expires) = await links.IssueAsync(key, SafeReturnPath(returnPath), ct);
        var url = $"{publicAddress.Value.PublicBaseUrl}/sign-in/{token}";
        var html = await renderer.RenderAsync<SignInMail>(new Dictionary<string, object?>
        {
            [nameof(SignInMail.Name)] = person.Name,
            [nameof(SignInMail.Url)] = url,
            [nameof(SignInMail.ExpiresAt)] = expires,
        });
        var text = $"{person.Name} 您好！请打开下面的链接登录政府信息公开工作年度报告系统：\n\n{url}\n\n"
            + $"链接有效期至 {BeijingTime.FormatDateTime(expires)}，只能使用一次。打开链接后需再点击“登录”按钮。\n如果不是您本人申请登录，请忽略本邮件。";
        try
        {
            await mail.SendAsync(new EmailMessage([new EmailAddress(person.Name, person.Email)], "【登录】政府信息公开工作年度报告系统", html, text), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The page answers the same either way; the failure is for the operators.
            logger.LogError(e, "The sign-in e-mail to {Email} could not be sent.", key);
        }
        await audit.RecordAsync(key, "sign-in-link-sent", null, client, ct);
        return SignInRequestStatus.Accepted;
    }

    /// <summary>The link's address when it can still be used (GET of the link page: reads only).</summary>
    public async Task<(RedeemStatus Status, string? Email)> PeekAsync(string? token, string? client, CancellationToken ct)
    {
        if (limiter.IsExhausted($"failure:client:{client}", limiter.Limits.FailuresPerClient)) return (RedeemStatus.Limited, null);
        var link = await links.FindAsync(token, ct);
        if (link is null || !link.IsUsable(time.GetUtcNow()))
        {
            limiter.Record($"failure:client:{client}");
            await audit.RefusedAsync(null, "GET /sign-in/{token}", Why(link), client, ct);
            return (RedeemStatus.Invalid, null);
        }
        return (RedeemStatus.SignedIn, link.Email);
    }

    /// <summary>Spends the link and starts a session (POST of the link page).</summary>
    public async Task<RedeemOutcome> RedeemAsync(string? token, string? client, CancellationToken ct)
    {
        if (limiter.IsExhausted($"failure:client:{client}", limiter.Limits.FailuresPerClient)) return new(RedeemStatus.Limited);
        var link = await links.FindAsync(token, ct);
        if (link is null || !link.IsUsable(time.GetUtcNow()) || !await links.TryConsumeAsync(link, ct))
        {
            limiter.Record($"failure:client:{client}");
            await audit.RefusedAsync(link?.Email, "POST /sign-in/{token}", link is { UsedAt: null } && link.IsUsable(time.GetUtcNow()) ? "link already used" : Why(link), client, ct);
            return new(RedeemStatus.Invalid);
        }
        // Roles may have changed since the link was sent; a person removed meanwhile does not get in.
        if (await directory.FindAsync(link.Email, ct) is null)
        {
            await audit.RefusedAsync(link.Email, "POST /sign-in/{token}", "no longer a person here", client, ct);
            return new(RedeemStatus.Invalid);
        }
        var id = await sessions.StartAsync(link.Email, client, "e-mail link", ct);
        await audit.RecordAsync(link.Email, "signed-in", "e-mail link", client, ct);
        return new(RedeemStatus.SignedIn, link.Email, id, link.ReturnPath);
    }

    /// <summary>The session's person when the session exists, is not revoked and was used within the idle time.</summary>
    public async Task<Caller?> ResolveSessionAsync(string email, string sessionId, CancellationToken ct)
    {
        var session = await sessions.FindAsync(email, sessionId, ct);
        var now = time.GetUtcNow();
        if (session is null || session.RevokedAt is not null || now - session.LastSeenAt >= options.Value.SessionIdle) return null;
        // One write a minute at most: enough for an idle time counted in hours.
        if (now - session.LastSeenAt >= TimeSpan.FromMinutes(1)) await sessions.TouchAsync(session, ct);
        return await directory.FindAsync(email, ct);
    }

    public async Task SignOutAsync(string email, string sessionId, bool everywhere, string? client, CancellationToken ct)
    {
        if (everywhere) await sessions.RevokeAllAsync(email, ct);
        else await sessions.RevokeAsync(email, sessionId, ct);
        await audit.RecordAsync(email, everywhere ? "signed-out-everywhere" : "signed-out", null, client, ct);
    }

    /// <summary>Only a path on this site ("/reports?x=1"), never "//host" or an absolute URL: no open redirect.</summary>
    public static string SafeReturnPath(string? path) =>
        path is { Length: > 0 and <= 500 } p && p[0] == '/' && !p.StartsWith("//", StringComparison.Ordinal) && !p.StartsWith("/\\", StringComparison.Ordinal)
        && !p.Any(char.IsControl) ? p : "/";

    private string Why(SignInLink? link) => link switch
    {
        null => "unknown or malformed sign-in link",
        { UsedAt: not null } => "sign-in link already used",
        _ when time.GetUtcNow() >= link.ExpiresAt => "sign-in link expired",
        _ => "sign-in link refused",
    };
}
