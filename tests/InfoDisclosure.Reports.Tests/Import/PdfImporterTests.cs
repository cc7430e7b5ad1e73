using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Rendering;
using InfoDisclosure.Reports.Tests.Rendering;
using InfoDisclosure.Reports.Validation;
using InfoDisclosure.Tests.Shared;

namespace InfoDisclosure.Reports.Tests.Import;

/// <summary>
/// Reports printed to PDF by headless Chromium, as a reader saves a published page, import to the same report and
/// findings as the page they were printed from.
/// </summary>
[Collection(ChromiumCollection.Name)]
public class PdfImporterTests(ChromiumFixture chromium)
{
    private const string Utf8Html = "text/html; charset=utf-8";

    /// <summary>
    /// Every page this class prints: started together on first use, so Chromium prints ahead of the tests that read
    /// them (xunit runs the rows one at a time).
    /// </summary>
    internal static IEnumerable<(string Key, Func<byte[]> Html, string ContentType)> AllPages() =>
        WordStylePageCorpusTests.FixtureNames.Select(fixture => (RendererKey(fixture), (Func<byte[]>)(() => RendererPage(fixture)), Utf8Html))
            .Concat(WordStylePageCorpusTests.Cases().Select(row => ((string)row[0], (string)row[1])).Select(page =>
                (WordStyleKey(page.Item1, page.Item2), (Func<byte[]>)(() => WordStylePageCorpusTests.Page(page.Item1, page.Item2)), "text/html")));

    private static string RendererKey(string fixture) => $"renderer {fixture}";
    private static string WordStyleKey(string fixture, string variant) => $"word-style {fixture} {variant}";

    private static byte[] RendererPage(string fixture) =>
        System.Text.Encoding.UTF8.GetBytes(HtmlRenderer.RenderPage(ReportImporter.ImportText(TestPaths.ReadFixture(fixture)).Report));

    private Task<byte[]> PrintedAsync(string key, Func<byte[]> html, string contentType)
    {
        chromium.Pdfs.Prefetch(AllPages());
        return chromium.Pdfs.PrintAsync(key, html, contentType);
    }

    private static List<string> Described(IEnumerable<Finding> findings) =>
        findings.Select(f => $"{f.Rule} {f.Severity} {(f.Where.StartsWith('第') ? "" : f.Where)} {f.Message}").ToList();

    private static void AssertSameImport(ImportResult expected, ImportResult fromPdf)
    {
        Assert.Equal(Described(expected.Findings), Described(fromPdf.Findings));
        Assert.Equal(ReportJson.Serialize(expected.Report), ReportJson.Serialize(fromPdf.Report));
        Assert.Equal(Described(ReportValidator.Validate(expected.Report)), Described(ReportValidator.Validate(fromPdf.Report)));
    }

    public static TheoryData<string> Fixtures() => new(WordStylePageCorpusTests.FixtureNames);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task The_renderers_page_printed_to_pdf_imports_to_the_report_of_the_page(string fixture)
    {
        var html = HtmlRenderer.RenderPage(ReportImporter.ImportText(TestPaths.ReadFixture(fixture)).Report);

        var fromPdf = ReportImporter.ImportPdf(await PrintedAsync(RendererKey(fixture), () => RendererPage(fixture), Utf8Html));

        AssertSameImport(ReportImporter.ImportHtml(html), fromPdf);
    }

    /// <summary>
    /// Every fixture in every Word-style page variant, printed as a reader prints the page (A4, tables broken across
    /// pages where they fall, rows cut by the break, merged cells carried over), reads back as the page does.
    /// </summary>
    [Theory]
    [MemberData(nameof(WordStylePageCorpusTests.Cases), MemberType = typeof(WordStylePageCorpusTests))]
    public async Task A_word_style_portal_page_printed_to_pdf_imports_to_the_report_of_the_page(string fixture, string variant)
    {
        var bytes = WordStylePageCorpusTests.Page(fixture, variant);

        var fromPdf = ReportImporter.ImportPdf(await PrintedAsync(WordStyleKey(fixture, variant), () => bytes, "text/html"));

        AssertSameImport(ReportImporter.ImportHtml(bytes), fromPdf);
        WordStylePageCorpusTests.AssertSameAsText(fixture, variant, fromPdf);
    }

    /// <summary>A 1×1 grey PNG: a page that holds a picture and no letter, as a scanned report does.</summary>
    private const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==";

    [Fact]
    public async Task A_scan_without_a_text_layer_is_one_import_scanned_error()
    {
        var pdf = await PrintedAsync("scan", () => System.Text.Encoding.UTF8.GetBytes(
            $"""<!doctype html><html><body style="margin:0"><img src="data:image/png;base64,{Png}" style="width:180mm;height:250mm"></body></html>"""), Utf8Html);

        var result = ReportImporter.ImportPdf(pdf);

        var finding = Assert.Single(result.Findings);
        Assert.Equal((Rules.ImportScanned, Severity.Error, "全文"), (finding.Rule, finding.Severity, finding.Where));
        Assert.Contains("没有文字层", finding.Message);
        Assert.Contains("扫描件", finding.Message);
    }

    /// <summary>
    /// A table wider than the paper, as a portal's fixed-width layout prints: Chromium draws its borders past the
    /// page's right edge, where no reader sees them and what stood there is cut.
    /// </summary>
    [Fact]
    public async Task A_table_printed_past_the_edge_of_the_paper_makes_its_page_unreadable()
    {
        var pdf = await PrintedAsync("wide table", () => System.Text.Encoding.UTF8.GetBytes(
            """<!doctype html><html><body><p>三、收到和处理政府信息公开申请情况</p><table border="1" cellspacing="0" style="width:3000px"><tr><td style="width:200px">申请人情况</td><td style="width:100px">总计</td><td></td></tr><tr><td>一、本年新收政府信息公开申请数量</td><td>5</td><td></td></tr></table></body></html>"""), Utf8Html);

        var result = ReportImporter.ImportPdf(pdf);

        var finding = Assert.Single(result.Findings, f => f.Where == "第1页");
        Assert.Equal((Rules.ImportUnreadable, Severity.Error), (finding.Rule, finding.Severity));
        Assert.StartsWith("有表格画到了页面右侧之外：", finding.Message);
        Assert.Equal(finding, result.Findings[0]);
    }

    [Fact]
    public void Bytes_that_are_not_a_pdf_are_refused_with_a_clear_error()
    {
        var error = Assert.Throws<InvalidDataException>(() => ReportImporter.ImportPdf("不是PDF"u8.ToArray()));
        Assert.Contains("PDF", error.Message);
    }
}
