using System.Collections.Concurrent;
using System.Net;
using InfoDisclosure.Tests.Shared;
using InfoDisclosure.Workflow.Dev.Notifications;
using InfoDisclosure.Workflow.Tests.Api;
using InfoDisclosure.Workflow.Tests.Hosting;

namespace InfoDisclosure.Workflow.Tests.Access;

/// <summary>
/// Signs a person in the way a browser does: GET /sign-in for the form token, POST /sign-in, the link from the e-mail
/// the host sent (<see cref="LocalHostFixture.Mailbox"/>), GET the link page for its form token, POST it. The client
/// keeps the cookies (session and form token) and follows no redirect. Each sign-in comes from its own client address
/// (X-Forwarded-For, honoured from a loopback connection), so the per-client limits of one test never touch another;
/// once signed in, the client calls without it.
/// </summary>
public static class SignInDriver
{
    private static readonly ConcurrentDictionary<(Uri, string), Lazy<Task<HttpClient>>> Sessions = new();
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<HttpClient, CookieContainer> Jars = new();
    private static int _clients;

    /// <summary>The cookie jar of a client made by <see cref="Browser"/>.</summary>
    public static CookieContainer Cookies(HttpClient client) => Jars.TryGetValue(client, out var jar) ? jar : throw new ArgumentException("Not a SignInDriver browser.");

    /// <summary>A signed-in client for <paramref name="email"/> on this host, signed in once and reused (sessions last 8 h idle).</summary>
    public static Task<HttpClient> SessionAsync(LocalHostFixture host, string email) =>
        Sessions.GetOrAdd((host.BaseAddress, email.Trim().ToLowerInvariant()), _ => new Lazy<Task<HttpClient>>(() => SignInAsync(host, email))).Value;

    /// <summary>A browser-like client: a cookie jar, no redirects, its own client address.</summary>
    public static HttpClient Browser(LocalHostFixture host, string? clientAddress = null)
    {
        var jar = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = jar })
        {
            BaseAddress = host.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        Jars.Add(client, jar);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress ?? NewClientAddress());
        return client;
    }

    public static string NewClientAddress()
    {
        var n = Interlocked.Increment(ref _clients);
        return $"198.18.{n / 250 % 250}.{n % 250 + 1}";
    }

    /// <summary>A fresh sign-in (a new session) through the e-mailed link.</summary>
    public static async Task<HttpClient> SignInAsync(LocalHostFixture host, string email)
    {
        var browser = Browser(host);
        var link = await RequestLinkAsync(browser, host.Mailbox, email);
        using var page = await browser.GetAsync(link);
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"GET {link}: {(int)page.StatusCode} {html}");
        using var signedIn = await browser.PostAsync(link, Form(html));
        Assert.True(signedIn.StatusCode == HttpStatusCode.SeeOther, $"POST {link}: {(int)signedIn.StatusCode} {await signedIn.Content.ReadAsStringAsync()}");
        // Signed in, the person calls from the test's own address, as the tests' audit expectations say.
        browser.DefaultRequestHeaders.Remove("X-Forwarded-For");
        return browser;
    }

    /// <summary>POSTs the sign-in form for <paramref name="email"/> and returns the link of the e-mail that arrives for it.</summary>
    public static async Task<string> RequestLinkAsync(HttpClient browser, DevMailbox mailbox, string email)
    {
        var after = mailbox.Messages.Count == 0 ? 0 : mailbox.Messages.Max(m => m.Id);
        using var response = await PostSignInAsync(browser, email);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST /sign-in: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var mail = await mailbox.WaitForAsync(m => m.Id > after && m.To.Contains(email, StringComparer.OrdinalIgnoreCase)
                                                 && m.Subject.StartsWith("【登录】", StringComparison.Ordinal), ApiDriver.Patience);
        return LinkIn(mail);
    }

    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient browser, string email)
    {
        var form = await browser.GetStringAsync("sign-in");
        return await browser.PostAsync("sign-in", Form(form, ("email", email)));
    }

    public static string LinkIn(ReceivedMail mail) =>
        SignInForms.Link(mail.TextBody ?? mail.HtmlBody) ?? throw new InvalidOperationException($"No sign-in link in: {mail.TextBody}");

    /// <summary>The form fields of the page's anti-forgery token, plus <paramref name="fields"/>.</summary>
    public static FormUrlEncodedContent Form(string html, params (string Name, string Value)[] fields) => SignInForms.Form(html, fields);
}
