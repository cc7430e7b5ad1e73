using System.Security.Claims;
using InfoDisclosure.Workflow.Api;
using InfoDisclosure.Workflow.People;
using InfoDisclosure.Workflow.SignIn;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace InfoDisclosure.Workflow.Access;

/// <summary>Where the caller of a request came from.</summary>
public enum CallerSource { None, ApiKey, EasyAuth, Session }

/// <summary>The caller of a request, or the refusal of a credential that was presented but is wrong.</summary>
public sealed record Resolution(Caller? Caller, CallerSource Source, string? SessionId = null, string? Refused = null, bool Limited = false);

/// <summary>
/// Finds who is calling, in this order: the API key header (automation, admin role; a wrong key is refused even with a
/// session), the EasyAuth principal (only with Auth__EasyAuth=true), the session cookie. Nothing else names a caller:
/// there is no X-User header any more.
/// </summary>
public sealed class CallerResolver(
    IOptions<WorkflowOptions> workflow,
    IOptions<AuthOptions> auth,
    PeopleDirectory directory,
    SessionCookie cookie,
    SignInService signIn,
    AttemptLimiter limiter)
{
    /// <summary>The caller of API-key requests: automation with the admin role, which cannot decide for a reviewer.</summary>
    public static readonly Caller Automation = new("api-key", "API key (automation)", [new RoleGrant(Roles.Admin)], IsAutomation: true);

    public async Task<Resolution> ResolveAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        var client = HttpInputs.LimiterClient(http);
        var key = http.Request.Headers[ApiKeyCheck.HeaderName].ToString();
        if (key.Length > 0)
        {
            var failures = $"failure:client:{client}";
            if (limiter.IsExhausted(failures, limiter.Limits.FailuresPerClient)) return new(null, CallerSource.ApiKey, Refused: "too many failed attempts (rate limit)", Limited: true);
            if (ApiKeyCheck.IsAuthorized(key, workflow.Value.ApiKey)) return new(Automation, CallerSource.ApiKey);
            limiter.Record(failures);
            return new(null, CallerSource.ApiKey, Refused: "wrong API key");
        }

        if (auth.Value.EasyAuth && http.Request.Headers[EasyAuthPrincipal.HeaderName].ToString() is { Length: > 0 } principal)
        {
            var email = EasyAuthPrincipal.Email(principal);
            var person = email is null ? null : await directory.FindAsync(email, ct);
            return person is null
                ? new(null, CallerSource.EasyAuth, Refused: email is null ? "EasyAuth principal without an e-mail claim" : $"EasyAuth identity {email} is not a person here")
                : new(person, CallerSource.EasyAuth);
        }

        if (cookie.Read(http) is { } session)
        {
            var person = await signIn.ResolveSessionAsync(session.Email, session.SessionId, ct);
            if (person is not null) return new(person, CallerSource.Session, session.SessionId);
        }
        return new(null, CallerSource.None);
    }

    /// <summary>Sets the caller for pages and handlers, and as the request's user (anti-forgery tokens are bound to it).</summary>
    public static void Apply(HttpContext http, Caller caller)
    {
        http.SetCaller(caller);
        http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, caller.Email), new Claim(ClaimTypes.Name, caller.Name)], "InfoDisclosure"));
    }
}
