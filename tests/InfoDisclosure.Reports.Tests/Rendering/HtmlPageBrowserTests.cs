using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using InfoDisclosure.Reports.Rendering;
using Microsoft.Playwright;

namespace InfoDisclosure.Reports.Tests.Rendering;

/// <summary>The standalone page in a real browser: on a phone, on paper, and under the server's Content-Security-Policy.</summary>
[Collection(ChromiumCollection.Name)]
public class HtmlPageBrowserTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];

    /// <summary>What the server sends with report pages: no script at all, inline styles allowed, nothing fetched.</summary>
    private const string StrictPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static string Page() => HtmlRenderer.RenderPage(SampleReports.Huaian2024());

    /// <summary>A page in a fresh browser context with the given viewport, recording its console and log messages.</summary>
    private async Task<(IPage Page, List<string> Messages)> NewPageAsync(int width, int height, bool mobile)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height }, DeviceScaleFactor = 1, IsMobile = mobile,
        });
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        var messages = new List<string>();
        page.Console += (_, message) => { lock (messages) messages.Add(message.Text); };
        page.PageError += (_, error) => { lock (messages) messages.Add(error); };
        return (page, messages);
    }

    private async Task<IPage> OpenAsync(string html, int width, int height, bool mobile)
    {
        using var server = new PageServer(html, StrictPolicy);
        var (page, _) = await NewPageAsync(width, height, mobile);
        await page.GotoAsync(server.Url.ToString());
        return page;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts) await context.CloseAsync();
    }

    private static Task<double> NumberAsync(IPage page, string expression) => page.EvaluateAsync<double>(expression);

    [Fact]
    public async Task At_375_px_the_page_does_not_scroll_sideways_and_the_wide_tables_scroll_inside_their_frame()
    {
        var page = await OpenAsync(Page(), 375, 812, mobile: true);

        Assert.True(await NumberAsync(page, "document.documentElement.scrollWidth") <= 375);
        var wrapper = "document.querySelector('table.t3').parentElement";
        Assert.True(await NumberAsync(page, $"{wrapper}.clientWidth") <= 375);
        Assert.True(await NumberAsync(page, $"{wrapper}.scrollWidth") > await NumberAsync(page, $"{wrapper}.clientWidth"));
        Assert.Equal("auto", await page.EvaluateAsync<string>($"getComputedStyle({wrapper}).overflowX"));
        Assert.True(await NumberAsync(page, "parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)") >= 14);
        // Paragraphs wrap within the screen.
        Assert.True(await NumberAsync(page, "Math.max(...[...document.querySelectorAll('article p')].map(p => p.getBoundingClientRect().right))") <= 375);
    }

    [Fact]
    public async Task It_prints_on_A4_with_every_table_inside_the_page_width()
    {
        var page = await OpenAsync(Page(), 1280, 900, mobile: false);
        var pdf = await page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true, PrintBackground = false });
        var text = Encoding.Latin1.GetString(pdf);
        Assert.StartsWith("%PDF", text);
        var boxes = Regex.Matches(text, @"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]").Select(m =>
            (double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
        Assert.True(boxes.Count >= 2, $"a report of this length takes several pages, not {boxes.Count}");
        Assert.All(boxes, b => Assert.True(Math.Abs(b.Item1 - 595.3) < 1 && Math.Abs(b.Item2 - 841.9) < 1, $"page {b} is not A4"));

        // A4 less 20 mm margins each side is 170 mm = 642 CSS px; under print media no table may be wider.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await page.SetViewportSizeAsync(642, 900);
        var widest = await NumberAsync(page, "Math.max(...[...document.querySelectorAll('table')].map(t => t.getBoundingClientRect().width))");
        Assert.True(widest <= 642, $"the widest table is {widest} px");
    }

    [Fact]
    public async Task Under_a_strict_policy_the_page_runs_no_script_loads_nothing_and_is_styled()
    {
        using var server = new PageServer(Page(), StrictPolicy);
        var (page, messages) = await NewPageAsync(1024, 768, mobile: false);
        await page.GotoAsync(server.Url.ToString());

        Assert.DoesNotContain(await ChromiumFixture.MessagesOfTheLoadAsync(page, messages), m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(["/report"], server.Requests.Where(r => r != "/favicon.ico"));
        Assert.Equal("960px", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('article')).maxWidth"));
    }

    [Fact]
    public async Task The_policy_check_does_see_a_script_or_an_external_resource()
    {
        var html = Page().Replace("</body>", "<script>document.title = 'ran';</script><img src=\"/pixel.png\" alt=\"\"></body>", StringComparison.Ordinal);
        using var server = new PageServer(html, StrictPolicy);
        var (page, messages) = await NewPageAsync(1024, 768, mobile: false);
        await page.GotoAsync(server.Url.ToString());

        Assert.Contains(await ChromiumFixture.MessagesOfTheLoadAsync(page, messages), m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        Assert.NotEqual("ran", await page.EvaluateAsync<string>("document.title"));
    }
}
