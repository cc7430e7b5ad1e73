using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;

namespace InfoDisclosure.Reports.Import.Pdf;

/// <summary>The text layer as PdfPig reads it: for the documents our reader does not understand.</summary>
internal static class PdfPigTextLayer
{
    /// <summary>Throws <see cref="InvalidDataException"/> when the bytes are not a PDF.</summary>
    public static PdfTextLayer Read(byte[] pdf)
    {
        PdfDocument document;
        try
        {
            document = PdfDocument.Open(pdf, new ParsingOptions { FilterProvider = Type3GlyphFilters.Instance });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidDataException($"不是可以读取的 PDF 文件：{ex.Message}", ex);
        }
        using (document)
        {
            var pages = new List<PdfTextPage>(document.NumberOfPages);
            for (var n = 1; n <= document.NumberOfPages; n++)
            {
                var page = document.GetPage(n);
                var letters = page.Letters.Select(l => new PdfLetter(l.Value, new PdfPoint(l.StartBaseLine.X, l.StartBaseLine.Y), new PdfPoint(l.EndBaseLine.X, l.EndBaseLine.Y),
                    l.PointSize, new PdfBox(l.BoundingBox.Left, l.BoundingBox.Bottom, l.BoundingBox.Right, l.BoundingBox.Top))).ToList();
                var paths = page.Paths.Where(p => p.IsFilled || p.IsStroked).Select(p => new PdfDrawnPath(p.IsFilled, p.IsStroked,
                    p.Select(s => (Subpath: s, Box: s.GetBoundingRectangle())).Where(s => s.Box is not null)
                        .Select(s => new PdfDrawnSubpath(new PdfBox(s.Box!.Value.Left, s.Box.Value.Bottom, s.Box.Value.Right, s.Box.Value.Top), IsRectangle(s.Subpath)))
                        .ToList())).ToList();
                var crop = page.CropBox.Bounds;
                pages.Add(new PdfTextPage(letters, paths, new PdfBox(crop.Left, crop.Bottom, crop.Right, crop.Top)));
            }
            return new PdfTextLayer(document.Information.Producer, pages);
        }
    }

    private static bool IsRectangle(PdfSubpath subpath) =>
        subpath.Commands.Count(c => c is PdfSubpath.Line) is 3 or 4 && subpath.Commands.All(c => c is PdfSubpath.Move or PdfSubpath.Line or PdfSubpath.Close);
}
