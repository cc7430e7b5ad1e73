using Microsoft.Extensions.Configuration;

namespace InfoDisclosure.Workflow.Review.Links;

/// <summary>Settings of the e-mailed review links, from the configuration section "ReviewLinks" (ReviewLinks__ValidDays, ReviewLinks__SigningKey).</summary>
public sealed class ReviewLinkOptions
{
    public const string Section = "ReviewLinks";

    /// <summary>How long a link works after it is issued, unless the round ends first.</summary>
    public TimeSpan Validity { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Keys the per-page form value (anti-forgery). Optional: without it a random key is created once and kept in
    /// Table storage, so pages opened before a restart can still be posted after it.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>The public address e-mailed links start with (PublicBaseUrl).</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:7071";

    /// <summary>
    /// PublicBaseUrl, else (Development only: elsewhere the host refuses to start without PublicBaseUrl, see
    /// RequiredSettings) the local host's first listening URL (Urls), else the Functions default port.
    /// </summary>
    private static string PublicBase(IConfiguration configuration)
    {
        if (configuration["PublicBaseUrl"] is { Length: > 0 } configured) return configured.TrimEnd('/');
        var listening = (configuration["Urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (listening is null) return "http://localhost:7071";
        return listening.Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://0.0.0.0", "://localhost").TrimEnd('/');
    }

    /// <summary>
    /// ReviewLinks:ValidDays (default 7; a decimal, so a test may use 0.0001) and, for short test runs,
    /// ReviewLinks:ValidSeconds which wins when set.
    /// </summary>
    public static ReviewLinkOptions FromConfiguration(IConfiguration configuration)
    {
        var options = new ReviewLinkOptions
        {
            SigningKey = configuration["ReviewLinks:SigningKey"] is { Length: > 0 } key ? key : null,
            PublicBaseUrl = PublicBase(configuration),
        };
        if (double.TryParse(configuration["ReviewLinks:ValidSeconds"], System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            options.Validity = TimeSpan.FromSeconds(seconds);
        }
        else if (double.TryParse(configuration["ReviewLinks:ValidDays"], System.Globalization.CultureInfo.InvariantCulture, out var days) && days > 0)
        {
            options.Validity = TimeSpan.FromDays(days);
        }
        return options;
    }
}
