namespace InfoDisclosure.Workflow.SignIn;

/// <summary>Sign-in settings, section "Auth" (Auth__EasyAuth, Auth__SignInLinkMinutes, Auth__SessionIdleHours).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// Auth__EasyAuth=true: App Service Authentication runs in front of the app, so X-MS-CLIENT-PRINCIPAL is set by
    /// Azure and can be trusted. Otherwise the header is ignored (anyone could send it).
    /// </summary>
    public bool EasyAuth { get; set; }

    /// <summary>Auth__EasyAuthLoginPath: where the sign-in page sends people to the identity provider (/.auth/login/aad).</summary>
    public string EasyAuthLoginPath { get; set; } = "/.auth/login/aad";

    /// <summary>How long an e-mailed sign-in link works (single use).</summary>
    public double SignInLinkMinutes { get; set; } = 15;

    /// <summary>A session ends after this long without a request (and at sign-out, on the server).</summary>
    public double SessionIdleHours { get; set; } = 8;

    public TimeSpan SignInLinkValidity => TimeSpan.FromMinutes(SignInLinkMinutes);

    public TimeSpan SessionIdle => TimeSpan.FromHours(SessionIdleHours);
}
