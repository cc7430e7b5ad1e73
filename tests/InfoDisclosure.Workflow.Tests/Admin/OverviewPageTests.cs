using System.Net;
using System.Text;
using InfoDisclosure.Workflow.Tests.Api;
using InfoDisclosure.Workflow.Tests.Publishing;
using Microsoft.Playwright;

namespace InfoDisclosure.Workflow.Tests.Admin;

/// <summary>The supervising office's page on the local host: login without the key in a URL, read-only GETs, a phone.</summary>
[Collection(PublishingHostCollection.Name)]
public sealed class OverviewPageTests(PublishingHostFixture world)
{
    private const int Year = PublishingEndToEndTests.Year;

    private HttpClient Browserless() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
    {
        BaseAddress = world.Host.BaseAddress,
    };

    [Fact]
    public async Task Without_a_session_the_page_is_a_login_form_a_wrong_key_is_refused_and_the_right_one_opens_a_session()
    {
        using var client = Browserless();

        using var anonymous = await client.GetAsync($"overview?year={Year}");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("text/html", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Contains("type=\"password\"", await anonymous.Content.ReadAsStringAsync());
        Assert.Contains("default-src 'none'", anonymous.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-referrer", anonymous.Headers.GetValues("Referrer-Policy").Single());

        using var wrong = await client.PostAsync("overview/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = "guess", ["year"] = $"{Year}" }));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("密钥不正确", await wrong.Content.ReadAsStringAsync());

        using var login = await client.PostAsync("overview/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = world.Host.ApiKey, ["year"] = $"{Year}" }));
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal($"/overview?year={Year}", login.Headers.Location?.OriginalString);
        var cookie = login.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(world.Host.ApiKey, cookie);

        using var page = await client.GetAsync($"overview?year={Year}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"{Year}年度政府信息公开工作年度报告进度总览", await page.Content.ReadAsStringAsync());

        using var csv = await client.GetAsync($"overview/export.csv?year={Year}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);

        using var logout = await client.PostAsync("overview/logout", null);
        Assert.Equal(HttpStatusCode.SeeOther, logout.StatusCode);
        using var after = await client.GetAsync($"overview?year={Year}");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Reading_the_overview_changes_nothing()
    {
        var api = new ApiDriver(world.Host);
        var id = ApiDriver.NewAgencyId("ovread");
        await api.CreateAgencyAsync(ApiDriver.Agency(id,
            ApiDriver.Level("any", ("赵编辑", "editor@example.gov.cn")),
            ApiDriver.Level("any", ("钱科长", "chief@example.gov.cn")),
            ApiDriver.Level("any", ("李局长", "leader@example.gov.cn"))));
        using (var created = await api.CreateReportAsync(id, Year)) Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var before = (await api.GetReportAsync(id, Year)).ToJsonString();
        var deadline = DateTime.UtcNow + ApiDriver.Patience;
        while (!before.Contains("\"runtimeStatus\":\"Running\"", StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The workflow of {id}/{Year} was not Running within {ApiDriver.Patience}: {before}");
            await Task.Delay(100);
            before = (await api.GetReportAsync(id, Year)).ToJsonString();
        }

        for (var i = 0; i < 3; i++)
        {
            using var json = await world.Host.Client.GetAsync($"api/admin/overview?year={Year}");
            using var csv = await world.Host.Client.GetAsync($"api/admin/overview?year={Year}&format=csv");
            using var summary = await world.Host.Client.GetAsync($"api/admin/summary?year={Year}");
            using var page = await world.Host.Client.GetAsync($"overview?year={Year}");
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], new[] { json.StatusCode, csv.StatusCode, summary.StatusCode, page.StatusCode });
        }

        Assert.Equal(before, (await api.GetReportAsync(id, Year)).ToJsonString());
        using var badYear = await world.Host.Client.GetAsync("api/admin/overview?year=abc");
        Assert.Equal(HttpStatusCode.BadRequest, badYear.StatusCode);
        Assert.Contains("\"field\":\"year\"", await badYear.Content.ReadAsStringAsync());
        using var noKey = await world.Host.AnonymousClient.GetAsync($"api/admin/summary?year={Year}");
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
    }

    [Fact]
    public async Task On_a_375_px_phone_the_page_fits_the_screen_after_logging_in_through_the_form()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 375, Height = 812 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(world.Host.BaseAddress, $"overview?year={Year}").ToString());
        await page.FillAsync("input[name=key]", world.Host.ApiKey);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("h1:has-text('进度总览')");

        Assert.Contains($"year={Year}", page.Url);
        Assert.DoesNotContain(world.Host.ApiKey, page.Url);
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The page is {overflow} px wider than the phone.");
        Assert.True(await page.IsVisibleAsync("svg[aria-label='各阶段单位数']"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "overview-375.png"), FullPage = true });
    }
}
