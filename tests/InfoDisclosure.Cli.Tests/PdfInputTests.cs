using System.Text.Json;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Writer;

namespace InfoDisclosure.Cli.Tests;

/// <summary>`check` reads PDF files; one without a text layer is named, not passed as empty.</summary>
public class PdfInputTests
{
    /// <summary>Two A4 pages with nothing written on them: what a scan is to a text reader.</summary>
    private static byte[] PagesWithoutText()
    {
        var builder = new PdfDocumentBuilder();
        builder.AddPage(PageSize.A4);
        builder.AddPage(PageSize.A4);
        return builder.Build();
    }

    [Fact]
    public void A_pdf_without_a_text_layer_in_a_folder_is_an_import_scanned_error()
    {
        using var folder = new TempFolder();
        folder.WriteBytes("扫描件.pdf", PagesWithoutText());

        var run = CliRun.Of("check", "--json", folder.Path);

        Assert.Equal((1, ""), (run.ExitCode, run.Err));
        using var doc = JsonDocument.Parse(run.Out);
        var finding = Assert.Single(doc.RootElement[0].GetProperty("findings").EnumerateArray());
        Assert.Equal(("IMPORT.SCANNED", "error", "全文"),
            (finding.GetProperty("rule").GetString(), finding.GetProperty("severity").GetString(), finding.GetProperty("where").GetString()));
        Assert.Contains("2页中没有文字层", finding.GetProperty("message").GetString());
    }

    [Fact]
    public void A_file_named_pdf_that_is_not_a_pdf_is_unreadable_and_named()
    {
        using var folder = new TempFolder();
        var file = folder.Write("假的.pdf", "这不是 PDF");

        var run = CliRun.Of("check", file);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("假的.pdf", run.Err);
        Assert.Contains("PDF", run.Err);
    }
}
