using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Validation;
using InfoDisclosure.Tests.Shared;
using UglyToad.PdfPig;

namespace InfoDisclosure.Reports.Tests.Import;

/// <summary>
/// Documents made by another tool than ours: every Word-style page of the corpus saved as a Word document by
/// LibreOffice, and that document printed to PDF by LibreOffice, import to the report and findings of the fixture's
/// text; where LibreOffice's PDF does not hold that text, the import says so or reads what the PDF shows.
/// </summary>
[Collection(LibreOfficeCollection.Name)]
public class LibreOfficeImportTests(LibreOfficeFixture libreOffice)
{
    [Theory]
    [MemberData(nameof(WordStylePageCorpusTests.Cases), MemberType = typeof(WordStylePageCorpusTests))]
    public void A_word_style_page_saved_as_docx_by_libreoffice_imports_to_the_report_of_its_text(string fixture, string variant) =>
        WordStylePageCorpusTests.AssertSameAsText(fixture, variant, ReportImporter.ImportDocx(libreOffice.Docx(fixture, variant)));

    /// <summary>
    /// The 大汉 pages ("大汉 layout tables", "everything"), 10 of the 50: LibreOffice sets their 1000-pixel layout table
    /// wider than the paper, its left part past the page's left edge on every page. Its PDF keeps whole a run of text
    /// that crosses the edge, and leaves out one wholly past it (a menu item, a line's first words: 40 to 160
    /// characters a document), so the PDF does not hold the report.
    /// </summary>
    private static readonly HashSet<(string, string)> PastThePaper =
    [
        .. WordStylePageCorpusTests.FixtureNames.SelectMany(f => new[] { (f, "everything"), (f, "大汉 layout tables") }),
    ];

    /// <summary>
    /// The three whose PDF shows less than their text, each with what the text has and what the PDF shows instead.
    /// On the 洪泽 2023 "text grid, br" page LibreOffice leaves out the "、" it would hang past the margin after
    /// "保密关". On two 上海 2019 pages a paragraph a line break ends fills its last line to the margin, and the next
    /// starts at the margin at the same line spacing: nothing on the page shows them apart.
    /// </summary>
    public static TheoryData<string, string, string, string> ShownOtherwise() => new()
    {
        { "2023_hongze_district_gov.txt", "text grid, br", "保密关、文字关", "保密关文字关" },
        { "2019_shanghai_gov_office_OLD_FORMAT.txt", "Word, trailing empty cells, br", "基本目录。\n启用", "基本目录。启用" },
        { "2019_shanghai_gov_office_OLD_FORMAT.txt", "text grid, br", "进一步凸显。\n积极发挥", "进一步凸显。积极发挥" },
    };

    public static TheoryData<string, string> PdfCases()
    {
        var otherwise = ShownOtherwise().Select(row => ((string)row[0], (string)row[1])).ToHashSet();
        var data = new TheoryData<string, string>();
        foreach (var row in WordStylePageCorpusTests.Cases())
        {
            var (fixture, variant) = ((string)row[0], (string)row[1]);
            if (!PastThePaper.Contains((fixture, variant)) && !otherwise.Contains((fixture, variant))) data.Add(fixture, variant);
        }
        return data;
    }

    public static TheoryData<string, string> PastThePaperCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (fixture, variant) in PastThePaper) data.Add(fixture, variant);
        return data;
    }

    [Theory]
    [MemberData(nameof(PdfCases))]
    public void That_docx_printed_to_pdf_by_libreoffice_imports_to_the_report_of_its_text(string fixture, string variant) =>
        WordStylePageCorpusTests.AssertSameAsText(fixture, variant, ReportImporter.ImportPdf(libreOffice.Pdf(fixture, variant)));

    [Theory]
    [MemberData(nameof(PastThePaperCases))]
    public void A_pdf_whose_layout_table_runs_past_the_paper_is_unreadable_on_every_page_it_cuts(string fixture, string variant)
    {
        var pdf = libreOffice.Pdf(fixture, variant);
        int pages;
        using (var document = PdfDocument.Open(pdf)) pages = document.NumberOfPages;

        var result = ReportImporter.ImportPdf(pdf);

        var cut = result.Findings.Take(pages).ToList();
        Assert.Equal(Enumerable.Range(1, pages).Select(n => $"第{n}页"), cut.Select(f => f.Where));
        Assert.All(cut, f =>
        {
            Assert.Equal((Rules.ImportUnreadable, Severity.Error), (f.Rule, f.Severity));
            Assert.Matches(@"^有文字在页面左侧之外（“.+”一行）：.*本页读到的内容不完整。请提供原 Word 文档或网页。$", f.Message);
        });
        // Named by a line the reader finds on the page: the portal's menu beside the report.
        Assert.StartsWith("有文字在页面左侧之外（“政府信息公开年报”一行）", cut[0].Message);
    }

    [Theory]
    [MemberData(nameof(ShownOtherwise))]
    public void That_pdf_imports_to_the_report_of_its_text_as_the_pdf_shows_it(string fixture, string variant, string text, string shown)
    {
        Assert.Contains(text, TestPaths.ReadFixture(fixture));
        WordStylePageCorpusTests.AssertSameAsText(fixture, variant, ReportImporter.ImportPdf(libreOffice.Pdf(fixture, variant)),
            t => t.Replace(text, shown, StringComparison.Ordinal));
    }
}
