namespace InfoDisclosure.Reports.Import.Pdf;

/// <summary>
/// What the PDF importer reads of a document: per page, its letters (spaces included) and the paths it fills or
/// strokes; and the producer. Read by our own reader (<see cref="PdfTextLayerReader"/>) when it understands the
/// document, else by PdfPig (<see cref="PdfPigTextLayer"/>): the same records either way.
/// </summary>
internal sealed record PdfTextLayer(string? Producer, IReadOnlyList<PdfTextPage> Pages)
{
    /// <summary>Throws <see cref="InvalidDataException"/> when the bytes are not a PDF that either reader can read.</summary>
    public static PdfTextLayer Read(byte[] pdf)
    {
        try
        {
            return PdfTextLayerReader.Read(pdf);
        }
        catch (PdfNotSupportedException)
        {
            return PdfPigTextLayer.Read(pdf);
        }
    }
}

/// <summary>A page's letters and drawn paths, and its crop box: what a reader of the printed page sees of it.</summary>
internal sealed record PdfTextPage(IReadOnlyList<PdfLetter> Letters, IReadOnlyList<PdfDrawnPath> Paths, PdfBox CropBox);

internal readonly record struct PdfPoint(double X, double Y);

internal readonly record struct PdfBox(double Left, double Bottom, double Right, double Top);

/// <summary>
/// A letter: its text, its baseline from the origin to the advance, its size on the page and a box around it.
/// The box is only good for telling which cell a letter is in: our reader takes it from the font's descriptor, not
/// from the glyph's outline as PdfPig does.
/// </summary>
internal sealed record PdfLetter(string Value, PdfPoint StartBaseLine, PdfPoint EndBaseLine, double PointSize, PdfBox BoundingBox);

/// <summary>A path the page fills or strokes, as its subpaths that draw something.</summary>
internal sealed record PdfDrawnPath(bool IsFilled, bool IsStroked, IReadOnlyList<PdfDrawnSubpath> Subpaths);

/// <summary>
/// A subpath's bounding box, and whether it is a rectangle of straight lines (a move, three or four lines, perhaps a
/// close): how a browser or a word processor draws a cell's box.
/// </summary>
internal sealed record PdfDrawnSubpath(PdfBox Box, bool IsRectangle);

/// <summary>A document our reader does not read (encryption, a filter, a font or an operator it does not know): PdfPig reads it.</summary>
internal sealed class PdfNotSupportedException(string message) : NotSupportedException(message);
