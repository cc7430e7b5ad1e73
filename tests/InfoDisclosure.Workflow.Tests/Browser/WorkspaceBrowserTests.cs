using System.Net;
using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Rendering;
using InfoDisclosure.Tests.Shared;
using Microsoft.Playwright;

namespace InfoDisclosure.Workflow.Tests.Browser;

/// <summary>
/// Issue 10's scenario in Chromium, with nothing but the browser and the dev mailbox: the demo drafter signs in, imports
/// a DOCX of the seed report made by our own export, breaks a total and fixes it guided by the finding beside the cell,
/// and submits; the first reviewer finds it under 待我审核; a drafter of another agency is refused. Every page is
/// screenshot at 375 px and 1280 px into $TMPDIR/workspace-shots.
/// </summary>
[Collection(DemoHostCollection.Name)]
public sealed class WorkspaceBrowserTests(DemoHostFixture world)
{
    private const string Drafter = "drafter@demo.example";
    private const string FirstReviewer = "editor@demo.example";
    private const string Total = "四.行政复议.总计";
    private static readonly string Shots = Path.Combine(Path.GetTempPath(), "workspace-shots");

    [Fact]
    public async Task The_demo_drafter_imports_fixes_and_submits_the_seed_report_and_the_first_reviewer_finds_it_waiting()
    {
        Directory.CreateDirectory(Shots);
        var report = $"reports/{DemoHostFixture.DemoAgency}/{DemoHostFixture.DemoYear}";

        await using var drafterContext = await world.NewContextAsync();
        var page = await drafterContext.NewPageAsync();
        await page.GotoAsync("/");
        Assert.Contains("/sign-in", page.Url);
        await ShotAsync(page, "sign-in");
        await SignInAsync(page, Drafter);
        Assert.EndsWith("/reports", page.Url);
        await ShotAsync(page, "reports-drafter");

        await page.Locator($"tr[data-report='{DemoHostFixture.DemoAgency}/{DemoHostFixture.DemoYear}'] a").ClickAsync();
        Assert.EndsWith(report, page.Url);
        await ShotAsync(page, "report");

        // Import the seed as Word made by our own export; the findings show before anything is saved.
        await page.Locator("nav a", new PageLocatorOptions { HasText = "导入" }).ClickAsync();
        await ShotAsync(page, "import");
        var docx = DocxRenderer.Render(ReportImporter.ImportText(TestPaths.ReadFixture("2022_hongsibu_approval_bureau.txt")).Report);
        await page.Locator("input[name=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "红寺堡区审批服务管理局2022年报.docx",
            MimeType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Buffer = docx,
        });
        await page.Locator("main button[type=submit]").ClickAsync();
        await page.Locator("#preview").WaitForAsync();
        Assert.Contains("上传的文件", await page.Locator("#preview").InnerTextAsync());
        await ShotAsync(page, "import-preview");
        await page.Locator("button[name=confirm]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/edit?saved=", StringComparison.Ordinal));
        await ShotAsync(page, "editor");

        // Break a total: the finding appears beside that cell.
        var cell = page.Locator($"[id='c:{Total}']");
        var original = await cell.InputValueAsync();
        var broken = (int.Parse(original, System.Globalization.CultureInfo.InvariantCulture) + 7).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await cell.FillAsync(broken);
        await page.Locator("button[name=save]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/edit?saved=", StringComparison.Ordinal));
        var box = page.Locator("td", new PageLocatorOptions { Has = page.Locator($"[id='c:{Total}']") });
        Assert.Equal("has-error", await box.GetAttributeAsync("class"));
        var finding = await box.Locator("small.cell-finding").InnerTextAsync();
        Assert.Contains("总计", finding);
        Assert.Equal(broken, await page.Locator($"[id='c:{Total}']").InputValueAsync());
        await page.Locator($"[id='c:{Total}']").ScrollIntoViewIfNeededAsync();
        await ShotAsync(page, "editor-finding", fullPage: false);

        // Fix it, guided by the finding: the cell is clean again.
        await page.Locator($"[id='c:{Total}']").FillAsync(original);
        await page.Locator("button[name=save]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/edit?saved=", StringComparison.Ordinal));
        Assert.Null(await page.Locator("td", new PageLocatorOptions { Has = page.Locator($"[id='c:{Total}']") }).GetAttributeAsync("class"));

        await page.GotoAsync($"{report}/compare");
        await ShotAsync(page, "compare");
        await page.GotoAsync($"{report}/preview");
        await ShotAsync(page, "preview");

        await page.GotoAsync(report);
        await page.Locator("button[name=submit]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("submitted=1", StringComparison.Ordinal));
        Assert.Contains("已提交审核", await page.Locator("[role=status]").InnerTextAsync());
        await ShotAsync(page, "report-submitted");

        // The first reviewer signs in and finds it under 待我审核, the report one click away.
        await using var reviewerContext = await world.NewContextAsync(1280);
        var reviewer = await reviewerContext.NewPageAsync();
        await reviewer.GotoAsync("reports");
        await SignInAsync(reviewer, FirstReviewer);
        var awaiting = reviewer.Locator("#awaiting");
        await awaiting.WaitForAsync();
        Assert.Contains("红寺堡", await awaiting.InnerTextAsync());
        await ShotAsync(reviewer, "reports-reviewer");
        await awaiting.Locator("a").First.ClickAsync();
        Assert.EndsWith(report, reviewer.Url);
        Assert.Contains("待我审核", await reviewer.Locator("main").InnerTextAsync());

        // A drafter of another agency is refused the demo report.
        var other = Api.ApiDriver.NewAgencyId("other");
        await new Api.ApiDriver(world.Host).CreateAgencyAsync(Api.ApiDriver.Agency(other,
            Api.ApiDriver.Level("any", ("甲", $"a-{other}@example.gov.cn")),
            Api.ApiDriver.Level("any", ("乙", $"b-{other}@example.gov.cn")),
            Api.ApiDriver.Level("any", ("丙", $"c-{other}@example.gov.cn"))));
        var otherDrafter = (string)Api.ApiDriver.Agency(other)["drafter"]!["email"]!;
        await using var otherContext = await world.NewContextAsync();
        var stranger = await otherContext.NewPageAsync();
        await stranger.GotoAsync("sign-in");
        await SignInAsync(stranger, otherDrafter);
        var refused = await stranger.GotoAsync(report);
        Assert.Equal((int)HttpStatusCode.Forbidden, refused!.Status);
        await ShotAsync(stranger, "forbidden");
    }

    /// <summary>Asks for a sign-in link, opens it from the dev mailbox by clicking it there, and confirms.</summary>
    private static async Task SignInAsync(IPage page, string email)
    {
        var mailbox = await page.Context.NewPageAsync();
        await mailbox.GotoAsync("dev/mailbox");
        var mails = mailbox.Locator("article.mail", new PageLocatorOptions { HasText = email });
        var before = await mails.CountAsync();
        if (!page.Url.Contains("/sign-in", StringComparison.Ordinal)) await page.GotoAsync("sign-in");
        await page.Locator("input[name=email]").FillAsync(email);
        await page.Locator("main button[type=submit]").ClickAsync();
        await page.WaitForLoadStateAsync();
        for (var attempt = 0; attempt < 120 && await mails.CountAsync() <= before; attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
            await mailbox.ReloadAsync();
        }
        Assert.True(await mails.CountAsync() > before, $"no sign-in e-mail for {email} in the dev mailbox");
        var link = mails.First.FrameLocator("iframe").Locator("a").First;
        await link.ClickAsync();
        await mailbox.WaitForURLAsync(url => url.Contains("/sign-in/", StringComparison.Ordinal));
        await mailbox.Locator("main button[type=submit]").ClickAsync();
        await mailbox.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
        await mailbox.CloseAsync();
        await page.GotoAsync(page.Url.Contains("/sign-in", StringComparison.Ordinal) ? "reports" : page.Url);
        await page.ReloadAsync();
    }

    /// <summary>The page at 375 px and at 1280 px.</summary>
    private static async Task ShotAsync(IPage page, string name, bool fullPage = true)
    {
        var size = page.ViewportSize!;
        foreach (var width in new[] { 375, 1280 })
        {
            await page.SetViewportSizeAsync(width, width == 375 ? 812 : 900);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, $"{name}-{width}.png"), FullPage = fullPage });
        }
        await page.SetViewportSizeAsync(size.Width, size.Height);
    }
}
