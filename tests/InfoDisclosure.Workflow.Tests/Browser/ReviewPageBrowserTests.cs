using InfoDisclosure.Workflow.Tests.Api;
using InfoDisclosure.Workflow.Tests.ReviewLinks;
using Microsoft.Playwright;

namespace InfoDisclosure.Workflow.Tests.Browser;

/// <summary>A reviewer on a phone: headless Chromium at 375 px opens the e-mailed link, reads, ticks 审 and 校, approves.</summary>
[Collection(MailedHostCollection.Name)]
public sealed class ReviewPageBrowserTests(MailedHostFixture world)
{
    [Fact]
    public async Task A_reviewer_approves_on_a_phone_from_the_e_mailed_link_and_the_next_level_is_asked()
    {
        var id = ApiDriver.NewAgencyId("phone");
        var agency = ApiDriver.Agency(id,
            ApiDriver.Level("any", ("赵编辑", $"editor-{id}@example.gov.cn")),
            ApiDriver.Level("any", ("钱科长", $"chief-{id}@example.gov.cn")),
            ApiDriver.Level("any", ("李局长", $"leader-{id}@example.gov.cn")));
        await world.Api.CreateAgencyAsync(agency);
        using (var created = await world.Api.CreateReportAsync(id, 2022)) Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        await world.Api.PutDraftAsync(id, 2022, InfoDisclosure.Tests.Shared.TestPaths.ReadFixture("2022_hongsibu_approval_bureau.txt"), "text/plain");
        using (var submitted = await world.Api.SubmitAsync(id, 2022)) Assert.Equal(System.Net.HttpStatusCode.Accepted, submitted.StatusCode);
        var link = MailedHostFixture.LinkIn(await world.MailAsync($"editor-{id}@example.gov.cn", "【待审核】"));

        await using var chromium = await SharedChromium.LeaseAsync();
        var browser = chromium.Browser;
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 375, Height = 812 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
            Locale = "zh-CN",
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };

        var response = await page.GotoAsync(link);
        Assert.Equal(200, response!.Status);
        var title = page.Locator("article.gov-report h1");
        Assert.True(await title.IsVisibleAsync());
        Assert.Contains("2022年政府信息公开工作年度报告", await title.InnerTextAsync());
        var figure = page.Locator("td[data-where='二.第二十条第（五）项.行政许可.本年处理决定数量']");
        await figure.ScrollIntoViewIfNeededAsync();
        Assert.True(await figure.IsVisibleAsync());
        Assert.Equal("0", (await figure.InnerTextAsync()).Trim());
        // Nothing is wider than the phone: the page does not scroll sideways (wide tables scroll inside their box).
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"),
            "the page is wider than 375 px");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "review-page-375.png") });

        await page.Locator("input[name=reviewConfirmed]").CheckAsync();
        await page.Locator("input[name=proofreadConfirmed]").CheckAsync();
        await page.Locator("form").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "review-form-375.png") });
        await page.Locator("button[value=approve]").ClickAsync();
        await page.WaitForURLAsync(link);
        await page.Locator("h1", new PageLocatorOptions { HasText = "已提交：审核通过" }).WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "review-done-375.png") });

        var next = await world.MailAsync($"chief-{id}@example.gov.cn", "【待审核】");
        Assert.Contains("复审·二校", next.Subject);
        // No script ran or was refused: the page needs none.
        Assert.DoesNotContain(errors, e => e.Contains("Content Security Policy", StringComparison.Ordinal));
    }
}
