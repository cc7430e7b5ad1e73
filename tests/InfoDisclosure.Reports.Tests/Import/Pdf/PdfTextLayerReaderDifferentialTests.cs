using InfoDisclosure.Reports.Import;
using InfoDisclosure.Reports.Import.Pdf;
using InfoDisclosure.Reports.Model;
using InfoDisclosure.Reports.Tests.Rendering;

namespace InfoDisclosure.Reports.Tests.Import.Pdf;

/// <summary>
/// Our PDF reader reads every PDF the PDF import tests print with headless Chromium (the renderer's pages and every
/// Word-style page), and the import of what it reads is PdfPig's: the same report, the same findings. The prints
/// are <see cref="PdfImporterTests"/>' own, made once per run.
/// </summary>
[Collection(ChromiumCollection.Name)]
public class PdfTextLayerReaderChromiumTests(ChromiumFixture chromium)
{
    public static TheoryData<string> Keys() => new(PdfImporterTests.AllPages().Select(p => p.Key));

    private Task<byte[]> PrintedAsync(string key)
    {
        var pages = PdfImporterTests.AllPages().ToList();
        chromium.Pdfs.Prefetch(pages);
        var (_, html, contentType) = pages.Single(p => p.Key == key);
        return chromium.Pdfs.PrintAsync(key, html, contentType);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task A_chromium_print_imports_through_our_reader_as_through_pdfpig(string key) =>
        PdfTextLayerComparison.AssertSameImport(await PrintedAsync(key));

    /// <summary>
    /// A print whose first page our reader cannot decode (its content written again through a filter it does not
    /// read, in an incremental update): the import falls back to PdfPig and gives the report of the print as it was.
    /// </summary>
    [Fact]
    public async Task A_print_our_reader_does_not_read_imports_through_pdfpig()
    {
        var pdf = await PrintedAsync(PdfImporterTests.AllPages().First().Key);
        var updated = PdfWriter.WithFirstPageContentInHex(pdf);

        Assert.Throws<PdfNotSupportedException>(() => PdfTextLayerReader.Read(updated));
        var (expected, actual) = (ReportImporter.ImportPdf(pdf), ReportImporter.ImportPdf(updated));
        Assert.Equal(expected.Findings, actual.Findings);
        Assert.Equal(ReportJson.Serialize(expected.Report), ReportJson.Serialize(actual.Report));
        Assert.NotEmpty(actual.Report.AgencyName);
    }

    /// <summary>The renderer's pages (CJK text in Type 3 fonts, Latin in TrueType, borders as filled rectangles).</summary>
    public static TheoryData<string> RendererKeys() => new(PdfImporterTests.AllPages().Select(p => p.Key).Where(k => k.StartsWith("renderer ", StringComparison.Ordinal)).Take(2));

    [Theory]
    [MemberData(nameof(RendererKeys))]
    public async Task Our_reader_reads_a_chromium_prints_letters_and_borders_as_pdfpig_does(string key)
    {
        var (ours, pdfPig) = PdfTextLayerComparison.AssertSameImport(await PrintedAsync(key));

        PdfTextLayerComparison.AssertSameLettersAndPaths(pdfPig, ours);
    }
}

/// <summary>
/// Our PDF reader reads every PDF LibreOffice prints of the Word-style pages (<see cref="LibreOfficeFixture"/>), those
/// that do not import yet included, and imports it as PdfPig's reading does.
/// </summary>
[Collection(LibreOfficeCollection.Name)]
public class PdfTextLayerReaderLibreOfficeTests(LibreOfficeFixture libreOffice)
{
    [Theory]
    [MemberData(nameof(WordStylePageCorpusTests.Cases), MemberType = typeof(WordStylePageCorpusTests))]
    public void A_libreoffice_print_imports_through_our_reader_as_through_pdfpig(string fixture, string variant) =>
        PdfTextLayerComparison.AssertSameImport(libreOffice.Pdf(fixture, variant));

    [Theory]
    [InlineData("2024_huaian_city_gov.txt", "MsoNormal/TRS")]
    [InlineData("2019_shanghai_gov_office_OLD_FORMAT.txt", "text grid, br")]
    public void Our_reader_reads_a_libreoffice_prints_letters_spaces_and_borders_as_pdfpig_does(string fixture, string variant)
    {
        var (ours, pdfPig) = PdfTextLayerComparison.AssertSameImport(libreOffice.Pdf(fixture, variant));

        PdfTextLayerComparison.AssertSameLettersAndPaths(pdfPig, ours);
    }
}
