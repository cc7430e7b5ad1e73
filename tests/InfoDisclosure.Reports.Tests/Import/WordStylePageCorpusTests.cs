using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Validation;
using InfoDisclosure.Tests.Shared;

namespace InfoDisclosure.Reports.Tests.Import;

/// <summary>
/// Every fixture published as portals publish Word (TRS, 大汉, …) imports to the same report, with the same findings,
/// as its text. The variants are made from the fixtures two ways: from the report (template tables with their merged
/// cells, <see cref="HtmlPortalPage"/>) and from the text's own grid (rows as uneven as the copied text,
/// <see cref="WordGridPage"/>).
/// </summary>
public class WordStylePageCorpusTests
{
    public static readonly string[] FixtureNames =
    [
        "2022_hongsibu_approval_bureau.txt",
        "2023_hongze_district_gov.txt",
        "2024_hongze_district_gov.txt",
        "2024_huaian_city_gov.txt",
        "2019_shanghai_gov_office_OLD_FORMAT.txt",
    ];

    private static readonly Dictionary<string, HtmlPortalPage> ReportVariants = new()
    {
        ["MsoNormal/TRS"] = new() { WordMarkup = true },
        ["MsoNormal, labels in th"] = new() { WordMarkup = true, HeaderCells = true },
        ["大汉 layout tables"] = new() { NestedLayout = true, WordMarkup = true },
        ["trailing empty cells"] = new() { TrailingEmptyCells = true },
        ["Word, trailing empty cells, br"] = new() { WordMarkup = true, TrailingEmptyCells = true, LineBreaks = true, CaptionParagraphs = true },
        ["everything"] = new() { WordMarkup = true, HeaderCells = true, TrailingEmptyCells = true, NestedLayout = true, LineBreaks = true, FullWidthDigits = true },
    };

    private static readonly Dictionary<string, WordGridPage> GridVariants = new()
    {
        ["text grid"] = new(),
        ["text grid, th"] = new() { HeaderCells = true },
        ["text grid, br"] = new() { LineBreaks = true },
        ["text grid, GB2312"] = new() { Charset = "gb2312" },
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var fixture in FixtureNames)
        {
            foreach (var variant in ReportVariants.Keys.Concat(GridVariants.Keys)) data.Add(fixture, variant);
        }
        return data;
    }

    /// <summary>The page of a variant, as the bytes a portal serves.</summary>
    public static byte[] Page(string fixture, string variant)
    {
        var text = TestPaths.ReadFixture(fixture);
        if (GridVariants.TryGetValue(variant, out var grid)) return grid.Bytes(grid.Write(text));
        var report = ReportImporter.ImportText(text).Report;
        return System.Text.Encoding.UTF8.GetBytes(ReportVariants[variant].Write(report));
    }

    /// <summary>What a reader of the findings sees, without the place (a line of the text is another line of the page).</summary>
    private static List<string> Described(IEnumerable<Finding> findings) =>
        findings.Select(f => $"{f.Rule} {f.Severity} {(f.Where.StartsWith('第') ? "" : f.Where)} {f.Message}").ToList();

    /// <summary>
    /// That a variant of a fixture, however published (the page, a Word document or a PDF made from it), was read to
    /// the report and findings of the fixture's text, and validates to the same findings. <paramref name="shown"/>:
    /// the text as the published document shows it, where it shows less.
    /// </summary>
    internal static void AssertSameAsText(string fixture, string variant, ImportResult published, Func<string, string>? shown = null)
    {
        var text = TestPaths.ReadFixture(fixture);
        var fromText = ReportImporter.ImportText(shown is null ? text : shown(text));
        // A page written from the report prints the template's labels, so the text's mistyped labels are not on it.
        var expected = GridVariants.ContainsKey(variant) ? fromText.Findings : fromText.Findings.Where(f => f.Rule != Rules.LabelTypo);
        Assert.Equal(Described(expected), Described(published.Findings));
        Assert.Equal(ReportJson.Serialize(fromText.Report), ReportJson.Serialize(published.Report));
        Assert.Equal(Described(ReportValidator.Validate(fromText.Report)), Described(ReportValidator.Validate(published.Report)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_word_style_page_imports_to_the_report_and_findings_of_its_text(string fixture, string variant) =>
        AssertSameAsText(fixture, variant, ReportImporter.ImportHtml(Page(fixture, variant)));

    [Fact]
    public void The_seed_report_published_with_its_uneven_rows_has_no_unreadable_row_and_no_false_blank_cell()
    {
        var page = new WordGridPage();
        var result = ReportImporter.ImportHtml(page.Bytes(page.Write(TestPaths.ReadFixture("2022_hongsibu_approval_bureau.txt"))));
        var findings = result.Findings.Concat(ReportValidator.Validate(result.Report)).ToList();
        Assert.DoesNotContain(findings, f => f.Rule is Rules.ImportUnreadable or Rules.CellBlank);
        Assert.Equal(0m, result.Report.Applications!.NewApplications.Total.Value);
        Assert.Equal(0m, result.Report.ProactiveDisclosure!.AdministrativeLicensing.Value);
    }

    [Fact]
    public void A_figure_under_no_header_label_is_refused_with_the_row_and_its_cells_named()
    {
        var text = TestPaths.ReadFixture("2022_hongsibu_approval_bureau.txt").Replace("行政许可\t0\t\t", "行政许可\t0\t5\t", StringComparison.Ordinal);
        var page = new WordGridPage();
        var result = ReportImporter.ImportHtml(page.Bytes(page.Write(text)));

        var finding = Assert.Single(result.Findings);
        Assert.Equal(Rules.ImportUnreadable, finding.Rule);
        Assert.Matches(@"^第\d+行$", finding.Where);
        Assert.Contains("“行政许可”行应有1个数字单元格，读到2个：0 | 5", finding.Message);
        Assert.True(result.Report.ProactiveDisclosure!.AdministrativeLicensing.IsBlank);
    }

    [Fact]
    public void A_gb2312_page_is_decoded_by_its_meta_charset()
    {
        var page = new WordGridPage { Charset = "gb2312" };
        var bytes = page.Bytes(page.Write(TestPaths.ReadFixture("2024_huaian_city_gov.txt")));
        Assert.Throws<System.Text.DecoderFallbackException>(() => new System.Text.UTF8Encoding(false, true).GetString(bytes));
        Assert.Equal("淮安市人民政府", ReportImporter.ImportHtml(bytes).Report.AgencyName);
    }
}
