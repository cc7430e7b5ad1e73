using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using InfoDisclosure.Reports.Batch;
using InfoDisclosure.Reports.Tests.Rendering;
using InfoDisclosure.Reports.Validation;

namespace InfoDisclosure.Reports.Tests.Batch;

/// <summary>The batch report in a real browser: it opens with no script or resource and prints on A4 landscape.</summary>
[Collection(ChromiumCollection.Name)]
public class BatchReportBrowserTests(ChromiumFixture chromium)
{
    private const string StrictPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>Enough reports for several pages, with long paths and many rules per row.</summary>
    private static string Page()
    {
        var findings = new List<Finding>
        {
            new(Rules.T4Total, Severity.Error, "四.行政复议.总计", "总计不符"),
            new(Rules.YearCarryover, Severity.Error, "三.二、上年结转政府信息公开申请数量.自然人", "不符"),
            new(Rules.TextCopied, Severity.Warning, "一.（一）主动公开情况", "相同"),
            new(Rules.T2InForce, Severity.Warning, "二.第二十条第（一）项.规章.现行有效件数", "不符"),
            new(Rules.TextFigureMismatch, Severity.Warning, "一.（二）依申请公开情况", "不符"),
        };
        var entries = Enumerable.Range(0, 120).Select(i => new BatchEntry(
            $"/data/2025年度报告/各区县各部门/第{i}批/{i:D5}-淮安市洪泽区人民政府办公室政府信息公开工作年度报告.html",
            $"淮安市洪泽区第{i}局", 2025, findings.Take(i % 6).ToList(),
            i % 2 == 0 ? $"/data/2024年度报告/各区县各部门/第{i}批/{i:D5}-淮安市洪泽区人民政府办公室.html" : null,
            i % 2 == 0 ? i / 120.0 : null, null));
        return BatchReportHtml.Render(BatchReport.Create(entries));
    }

    [Fact]
    public async Task It_prints_on_A4_landscape_with_the_reports_table_inside_the_page_width()
    {
        using var server = new PageServer(Page(), StrictPolicy);
        var page = await chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var messages = new List<string>();
        page.Console += (_, m) => messages.Add(m.Text);
        await page.GotoAsync(server.Url.ToString());

        Assert.DoesNotContain(messages, m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        var pdf = Encoding.Latin1.GetString(await page.PdfAsync(new() { PreferCSSPageSize = true }));
        var boxes = Regex.Matches(pdf, @"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]").Select(m =>
            (double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
        Assert.True(boxes.Count >= 2, $"120 reports take several pages, not {boxes.Count}");
        Assert.All(boxes, b => Assert.True(Math.Abs(b.Item1 - 841.9) < 1 && Math.Abs(b.Item2 - 595.3) < 1, $"page {b} is not A4 landscape"));

        // A4 landscape less 12 mm margins each side is 273 mm = 1032 CSS px; under print media no table may be wider.
        await page.EmulateMediaAsync(new() { Media = Microsoft.Playwright.Media.Print });
        await page.SetViewportSizeAsync(1032, 900);
        var widest = await page.EvaluateAsync<double>("Math.max(...[...document.querySelectorAll('table')].map(t => t.getBoundingClientRect().width))");
        Assert.True(widest <= 1032, $"the widest table is {widest} px");
        Assert.Equal("table-header-group", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('table.reports thead')).display"));
        await page.CloseAsync();
    }
}
