using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Rendering;
using InfoDisclosure.Reports.Validation;
using InfoDisclosure.Tests.Shared;

namespace InfoDisclosure.Reports.Tests.Import;

public class DocxImporterTests
{
    private static string DocxFixture(string name) => Path.Combine(TestPaths.RepoRoot, "tests", "InfoDisclosure.Reports.Tests", "Import", "Docx", name);

    private static List<string> Described(IEnumerable<Finding> findings) =>
        findings.Select(f => $"{f.Rule} {f.Severity} {(f.Where.StartsWith('第') ? "" : f.Where)} {f.Message}").ToList();

    /// <summary>Made by LibreOffice from Word-style pages of the fixtures (Docx/README.md).</summary>
    [Theory]
    [InlineData("huaian_2024_word_page.docx", "2024_huaian_city_gov.txt")]
    [InlineData("hongsibu_2022_word_grid.docx", "2022_hongsibu_approval_bureau.txt")]
    public void A_docx_made_by_libreoffice_imports_to_the_report_and_findings_of_its_text(string docx, string fixture)
    {
        var fromText = ReportImporter.ImportText(TestPaths.ReadFixture(fixture));
        using var stream = File.OpenRead(DocxFixture(docx));
        var fromDocx = ReportImporter.ImportDocx(stream);

        Assert.Equal(Described(fromText.Findings), Described(fromDocx.Findings));
        Assert.Equal(ReportJson.Serialize(fromText.Report), ReportJson.Serialize(fromDocx.Report));
        Assert.Equal(Described(ReportValidator.Validate(fromText.Report)), Described(ReportValidator.Validate(fromDocx.Report)));
    }

    [Fact]
    public void Merged_cells_are_read_where_they_start_and_a_figure_is_read_from_its_own_cell()
    {
        using var stream = File.OpenRead(DocxFixture("huaian_2024_word_page.docx"));
        var report = ReportImporter.ImportDocx(stream).Report;
        Assert.Equal(3119m, report.Applications!.NewApplications.Total.Value);
        Assert.Equal(110m, report.Applications.OtherProcessing.Other!.Total.Value);
        Assert.Equal(351m, report.ReviewAndLitigation!.AdministrativeReconsideration.Total.Value);
    }

    [Fact]
    public void The_agency_and_date_printed_for_the_seal_are_not_read_as_text_of_section_six()
    {
        var report = ReportImporter.ImportText(TestPaths.ReadFixture("2024_hongze_district_gov.txt")).Report;
        var docx = DocxRenderer.Render(report);
        using (var document = WordprocessingDocument.Open(new MemoryStream(docx), false))
        {
            Assert.Equal(report.AgencyName, document.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().Reverse().Skip(1).First().InnerText);
        }
        var imported = ReportImporter.ImportDocx(docx).Report;
        Assert.Equal(report.OtherMatters.Introduction, imported.OtherMatters.Introduction);
        Assert.Equal(report.OtherMatters.Parts.Select(p => p.Paragraphs), imported.OtherMatters.Parts.Select(p => p.Paragraphs));
    }

    [Fact]
    public void A_row_that_cannot_be_read_is_named_by_its_table_and_row()
    {
        var report = ReportImporter.ImportText(TestPaths.ReadFixture("2024_huaian_city_gov.txt")).Report;
        var docx = DocxRenderer.Render(report);
        var stream = new MemoryStream();
        stream.Write(docx);
        using (var document = WordprocessingDocument.Open(stream, true))
        {
            // A cell deleted from the row of 1.属于国家秘密: six figures for seven columns.
            var row = document.MainDocumentPart!.Document!.Body!.Descendants<TableRow>().First(r => r.InnerText.Contains("1.属于国家秘密", StringComparison.Ordinal));
            row.Elements<TableCell>().Last().Remove();
        }
        var result = ReportImporter.ImportDocx(stream.ToArray());
        var finding = Assert.Single(result.Findings);
        Assert.Equal(Rules.ImportUnreadable, finding.Rule);
        Assert.Matches(@"^第\d+个表格第\d+行$", finding.Where);
        Assert.Contains("1.属于国家秘密", finding.Message);
    }

    [Fact]
    public void A_line_break_inside_a_paragraph_ends_a_line()
    {
        var report = ReportImporter.ImportText(TestPaths.ReadFixture("2024_huaian_city_gov.txt")).Report;
        var stream = new MemoryStream();
        stream.Write(DocxRenderer.Render(report));
        using (var document = WordprocessingDocument.Open(stream, true))
        {
            // The two title lines in one paragraph, as many documents have them.
            var titles = document.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().Take(2).ToList();
            titles[0].AppendChild(new Run(new Break(), new Text(titles[1].InnerText)));
            titles[1].Remove();
        }
        var imported = ReportImporter.ImportDocx(stream.ToArray());
        Assert.Empty(imported.Findings);
        Assert.Equal(ReportJson.Serialize(report), ReportJson.Serialize(imported.Report));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0, 0, 0 })]
    [InlineData(new byte[] { (byte)'<', (byte)'p', (byte)'>' })]
    public void Bytes_that_are_not_a_word_document_are_a_clear_error(byte[] bytes)
    {
        var error = Assert.Throws<InvalidDataException>(() => ReportImporter.ImportDocx(bytes));
        Assert.Contains("DOCX", error.Message);
    }
}
