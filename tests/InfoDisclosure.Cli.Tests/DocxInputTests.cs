using System.Text;
using System.Text.Json;
using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Rendering;
using InfoDisclosure.Tests.Shared;

namespace InfoDisclosure.Cli.Tests;

/// <summary>`check` and `convert` read Word documents and pages in the charset they declare.</summary>
public class DocxInputTests
{
    private static readonly string LibreOfficeDocx = Path.Combine(
        TestPaths.RepoRoot, "tests", "InfoDisclosure.Reports.Tests", "Import", "Docx", "huaian_2024_word_page.docx");

    private static AnnualReport Fixture(string name) => ReportImporter.ImportText(TestPaths.ReadFixture(name)).Report;

    [Fact]
    public void Check_of_a_folder_reads_the_docx_in_it_like_its_text()
    {
        using var folder = new TempFolder();
        folder.WriteBytes("a/洪泽2023.docx", DocxRenderer.Render(Fixture("2023_hongze_district_gov.txt")));
        File.Copy(LibreOfficeDocx, Path.Combine(folder.Path, "淮安2024.docx"));

        var run = CliRun.Of("check", "--json", folder.Path);

        Assert.Equal(1, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var byFile = doc.RootElement.EnumerateArray().ToDictionary(i => Path.GetFileName(i.GetProperty("file").GetString()!));
        Assert.Equal(["洪泽2023.docx", "淮安2024.docx"], byFile.Keys.Order());
        Assert.Equal(["T4.TOTAL", "T4.TOTAL"], byFile["洪泽2023.docx"].GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("rule").GetString()));
        Assert.Equal("淮安市人民政府", byFile["淮安2024.docx"].GetProperty("agency").GetString());
        Assert.DoesNotContain(byFile["淮安2024.docx"].GetProperty("findings").EnumerateArray(), f => f.GetProperty("severity").GetString() == "error");
    }

    [Fact]
    public void Convert_of_a_docx_gives_the_report_of_its_text()
    {
        var run = CliRun.Of("convert", LibreOfficeDocx, "--to", "json");

        Assert.Equal((0, ""), (run.ExitCode, run.Err));
        Assert.Equal(ReportJson.Serialize(Fixture("2024_huaian_city_gov.txt")) + "\n", run.Out);
    }

    [Fact]
    public void A_file_named_docx_that_is_not_a_word_document_is_unreadable_and_named()
    {
        using var folder = new TempFolder();
        var file = folder.Write("假的.docx", "这不是 Word 文档");

        var run = CliRun.Of("check", file);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("假的.docx", run.Err);
        Assert.Contains("DOCX", run.Err);
    }

    [Fact]
    public void A_gb2312_page_is_read_in_the_charset_it_declares()
    {
        using var folder = new TempFolder();
        var html = HtmlRenderer.RenderPage(Fixture("2024_huaian_city_gov.txt")).Replace("<meta charset=\"utf-8\">", "<meta charset=\"gb2312\">", StringComparison.Ordinal);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var file = folder.WriteBytes("淮安.html", Encoding.GetEncoding("GB18030").GetBytes(html));

        var run = CliRun.Of("convert", file, "--to", "json");

        Assert.Equal((0, ""), (run.ExitCode, run.Err));
        Assert.Equal(ReportJson.Serialize(Fixture("2024_huaian_city_gov.txt")) + "\n", run.Out);
    }
}
