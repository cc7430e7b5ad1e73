using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InfoDisclosure.Workflow.Dev.Notifications;
using InfoDisclosure.Workflow.Tests.Api;
using InfoDisclosure.Workflow.Tests.Hosting;

namespace InfoDisclosure.Workflow.Tests.ReviewLinks;

[CollectionDefinition(Name)]
public sealed class MailedHostCollection : ICollectionFixture<MailedHostFixture>
{
    public const string Name = "Local host sending mail to a test SMTP server";
}

/// <summary>
/// The built local host on Azurite (the hosting harness), sending its e-mail over SMTP to a real SMTP server run by the
/// test, whose mailbox the tests read. Reviewers act only through the links in the mail they receive.
/// </summary>
public sealed partial class MailedHostFixture : IAsyncLifetime
{
    public const string AdminEmail = "admin@example.gov.cn";
    private EmbeddedSmtpServer smtp = null!;

    public LocalHostFixture Host { get; private set; } = null!;
    public DevMailbox Mailbox => smtp.Mailbox;
    public ApiDriver Api { get; private set; } = null!;

    /// <summary>A client as a reviewer's browser: no API key, no cookies, no redirects followed.</summary>
    public HttpClient Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        smtp = await EmbeddedSmtpServer.StartAsync(new DevMailbox(TimeProvider.System));
        Host = await LocalHostFixture.StartAsync(new LocalHostFixtureOptions
        {
            Mailbox = smtp.Mailbox,
            Settings = new Dictionary<string, string>
            {
                ["Smtp__Host"] = "127.0.0.1",
                ["Smtp__Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Smtp__From"] = "政府信息公开年报系统 <noreply@example.gov.cn>",
                ["Admin__Email"] = AdminEmail,
                // The production limits (AttemptLimits' defaults), which Access/SignInTests holds the host to.
                ["Auth__Limits__FailuresPerClient"] = "20",
                ["Auth__Limits__SignInPerClient"] = "20",
                ["Auth__Limits__SignInPerAddress"] = "5",
            },
        });
        Api = new ApiDriver(Host);
        Browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = Host.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public async Task DisposeAsync()
    {
        Browser?.Dispose();
        if (Host is not null) await Host.DisposeAsync();
        await smtp.DisposeAsync();
    }

    /// <summary>The first e-mail to <paramref name="to"/> whose subject starts with <paramref name="subjectStart"/> and matches <paramref name="also"/>.</summary>
    public Task<ReceivedMail> MailAsync(string to, string subjectStart, Func<ReceivedMail, bool>? also = null) =>
        Mailbox.WaitForAsync(m => m.To.Contains(to) && m.Subject.StartsWith(subjectStart, StringComparison.Ordinal) && (also?.Invoke(m) ?? true),
            ApiDriver.Patience);

    public IReadOnlyList<ReceivedMail> MailTo(string to) => Mailbox.Messages.Where(m => m.To.Contains(to)).ToList();

    /// <summary>The one review link of an e-mail (both bodies must carry the same one).</summary>
    public static string LinkIn(ReceivedMail mail)
    {
        var html = ReviewLink().Matches(mail.HtmlBody ?? "").Select(m => m.Value).Distinct().ToList();
        var text = ReviewLink().Matches(mail.TextBody ?? "").Select(m => m.Value).Distinct().ToList();
        Assert.Single(html);
        Assert.Equal(html, text);
        return html[0];
    }

    /// <summary>GET the page and read its form value, as a browser rendering the page would have it.</summary>
    public async Task<(HttpResponseMessage Response, string Html, string? FormValue)> OpenAsync(string link)
    {
        var response = await Browser.GetAsync(link);
        var html = await response.Content.ReadAsStringAsync();
        var form = FormValue().Match(html);
        return (response, html, form.Success ? WebUtility.HtmlDecode(form.Groups[1].Value) : null);
    }

    public async Task<(HttpStatusCode Status, string Html)> PostAsync(string link, string? formValue, string decision,
        bool review = true, bool proofread = true, string? comment = null)
    {
        var fields = new List<KeyValuePair<string, string>> { new("decision", decision) };
        if (formValue is not null) fields.Add(new("form", formValue));
        if (review) fields.Add(new("reviewConfirmed", "on"));
        if (proofread) fields.Add(new("proofreadConfirmed", "on"));
        if (comment is not null) fields.Add(new("comment", comment));
        using var response = await Browser.PostAsync(link, new FormUrlEncodedContent(fields));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Opens the e-mailed link and approves with both confirmations ticked.</summary>
    public async Task ApproveFromMailAsync(ReceivedMail mail)
    {
        var link = LinkIn(mail);
        var (response, html, form) = await OpenAsync(link);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {link}: {(int)response.StatusCode} {html}");
        var (status, result) = await PostAsync(link, form, "approve");
        Assert.True(status == HttpStatusCode.OK, $"POST {link}: {(int)status} {result}");
        Assert.Contains("已提交：审核通过", result);
    }

    /// <summary>The report's status and decisions as the API reports them: what "nothing changed" is checked against.</summary>
    public async Task<string> StateAsync(string agencyId, int year)
    {
        var report = await Api.GetReportAsync(agencyId, year);
        return new JsonObject
        {
            ["status"] = report["status"]?.DeepClone(),
            ["reviewTrail"] = report["reviewTrail"]?.DeepClone(),
            ["audit"] = report["audit"]?.DeepClone(),
            ["workflow"] = report["workflow"]?["customStatus"]?.DeepClone(),
        }.ToJsonString();
    }

    [GeneratedRegex("https?://[^\\s\"<>]+/review/[A-Za-z0-9_-]{43}")]
    private static partial Regex ReviewLink();

    [GeneratedRegex("name=\"form\" value=\"([^\"]+)\"")]
    private static partial Regex FormValue();
}
