namespace InfoDisclosure.Reports.Import.Pdf;

/// <summary>An affine matrix [A B C D E F] (PDF 32000-1, 8.3.4), multiplied in the order PdfPig multiplies it.</summary>
internal readonly record struct PdfMatrix(double A, double B, double C, double D, double E, double F)
{
    public static readonly PdfMatrix Identity = new(1, 0, 0, 1, 0, 0);

    public PdfMatrix Multiply(in PdfMatrix m) => new(
        A * m.A + B * m.C, A * m.B + B * m.D,
        C * m.A + D * m.C, C * m.B + D * m.D,
        E * m.A + F * m.C + m.E, E * m.B + F * m.D + m.F);

    public PdfMatrix Translate(double x, double y) => this with { E = x * A + y * C + E, F = x * B + y * D + F };

    public (double X, double Y) Transform(double x, double y) => (A * x + C * y + E, B * x + D * y + F);
}

/// <summary>
/// Runs a page's content stream (PDF 32000-1, 8 and 9.4) for its letters and the paths it fills or strokes: text
/// objects and state, the graphics state stack and matrix, path construction and painting, Form XObjects. Letters
/// and paths are placed as PdfPig places them: a letter's baseline from its origin to its advance, its size the
/// height of the font size through the matrices; a path's subpaths built and kept as PdfPig builds them.
/// </summary>
internal sealed class PdfContentReader
{
    private struct GraphicsState
    {
        public PdfMatrix Ctm;
        public PdfFont? Font;
        public double FontSize;
        public double CharacterSpacing;
        public double WordSpacing;
        public double HorizontalScaling;
        public double Leading;
        public double Rise;
    }

    /// <summary>An operand: a number, or else an object (name, string, array, dictionary).</summary>
    private struct Operand
    {
        public double Number;
        public object? Value;
    }

    private sealed class SubpathBuilder
    {
        public double MinX = double.MaxValue, MinY = double.MaxValue, MaxX = double.MinValue, MaxY = double.MinValue;
        public int Lines;
        public bool Curved;
        public bool Drawn;

        public void Add(double x, double y)
        {
            if (x < MinX) MinX = x;
            if (x > MaxX) MaxX = x;
            if (y < MinY) MinY = y;
            if (y > MaxY) MaxY = y;
            Drawn = true;
        }
    }

    private const int MaxFormDepth = 16;

    private readonly PdfFile _file;
    private readonly Dictionary<Dictionary<string, object?>, PdfFont> _fonts;
    private readonly List<PdfLetter> _letters = [];
    private readonly List<PdfDrawnPath> _paths = [];
    private readonly List<GraphicsState> _stack = [];
    private GraphicsState _state;
    private PdfMatrix _textMatrix = PdfMatrix.Identity;
    private PdfMatrix _textLineMatrix = PdfMatrix.Identity;
    private List<SubpathBuilder>? _path;
    private SubpathBuilder? _subpath;
    private (double X, double Y) _current;
    private (double X, double Y) _subpathStart;
    private Operand[] _operands = new Operand[16];
    private int _count;
    private int _formDepth;

    private PdfContentReader(PdfFile file, Dictionary<Dictionary<string, object?>, PdfFont> fonts)
    {
        _file = file;
        _fonts = fonts;
        _state = new GraphicsState { Ctm = PdfMatrix.Identity, HorizontalScaling = 1 };
    }

    /// <param name="fonts">The fonts loaded so far, by their dictionary: pages share them.</param>
    public static PdfTextPage Read(PdfFile file, byte[] content, Dictionary<string, object?>? resources, Dictionary<Dictionary<string, object?>, PdfFont> fonts, PdfBox cropBox)
    {
        var reader = new PdfContentReader(file, fonts);
        reader.Run(content, resources);
        return new PdfTextPage(reader._letters, reader._paths, cropBox);
    }

    private void Run(byte[] content, Dictionary<string, object?>? resources)
    {
        var lexer = new PdfLexer(content);
        var data = content;
        while (lexer.SkipWhiteSpace())
        {
            var b = data[lexer.Position];
            if (b is (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'+' or (byte)'.')
            {
                Push(new Operand { Number = lexer.ReadNumber() });
                continue;
            }
            if (b is (byte)'/' or (byte)'(' or (byte)'<' or (byte)'[')
            {
                Push(new Operand { Value = lexer.ReadObject(references: false) });
                continue;
            }
            var start = lexer.Position;
            while (lexer.Position < data.Length && !PdfLexer.IsWhiteSpace(data[lexer.Position]) && !PdfLexer.IsDelimiter(data[lexer.Position])) lexer.Position++;
            if (lexer.Position == start) throw PdfLexer.Malformed($"unexpected '{(char)b}' in content");
            Operate(data.AsSpan(start, lexer.Position - start), resources);
            _count = 0;
        }
    }

    private void Push(Operand operand)
    {
        if (_count == _operands.Length) Array.Resize(ref _operands, _count * 2);
        _operands[_count++] = operand;
    }

    private double N(int i) => i < _count ? _operands[i].Number : 0;

    private PdfMatrix MatrixOperands() => new(N(0), N(1), N(2), N(3), N(4), N(5));

    private void Operate(ReadOnlySpan<byte> op, Dictionary<string, object?>? resources)
    {
        switch (op.Length)
        {
            case 1:
                switch (op[0])
                {
                    case (byte)'q':
                        _stack.Add(_state);
                        return;
                    case (byte)'Q':
                        if (_stack.Count > 0)
                        {
                            _state = _stack[^1];
                            _stack.RemoveAt(_stack.Count - 1);
                        }
                        return;
                    case (byte)'m':
                        BeginSubpath();
                        _current = _subpathStart = _state.Ctm.Transform(N(0), N(1));
                        return;
                    case (byte)'l':
                        if (_subpath is null) return;
                        var to = _state.Ctm.Transform(N(0), N(1));
                        _subpath.Add(_current.X, _current.Y);
                        _subpath.Add(to.X, to.Y);
                        _subpath.Lines++;
                        _current = to;
                        return;
                    case (byte)'c':
                        if (_count >= 6) Curve(_state.Ctm.Transform(N(0), N(1)), _state.Ctm.Transform(N(2), N(3)), _state.Ctm.Transform(N(4), N(5)));
                        return;
                    case (byte)'v':
                        if (_count >= 4) Curve(_current, _state.Ctm.Transform(N(0), N(1)), _state.Ctm.Transform(N(2), N(3)));
                        return;
                    case (byte)'y':
                        if (_count >= 4)
                        {
                            var end = _state.Ctm.Transform(N(2), N(3));
                            Curve(_state.Ctm.Transform(N(0), N(1)), end, end);
                        }
                        return;
                    case (byte)'h':
                        if (_subpath is null) return;
                        _current = _subpathStart;
                        AddSubpath();
                        return;
                    case (byte)'S':
                        Paint(false, true, false);
                        return;
                    case (byte)'s':
                        Paint(false, true, true);
                        return;
                    case (byte)'f' or (byte)'F':
                        Paint(true, false, false);
                        return;
                    case (byte)'B':
                        Paint(true, true, false);
                        return;
                    case (byte)'b':
                        Paint(true, true, true);
                        return;
                    case (byte)'n':
                        // A path only clipping or ended unpainted: nothing drawn.
                        if (_path is null) return;
                        _path = null;
                        _subpath = null;
                        return;
                    case (byte)'\'':
                        NextLine();
                        ShowOperand(resources);
                        return;
                    case (byte)'"':
                        _state.WordSpacing = N(0);
                        _state.CharacterSpacing = N(1);
                        NextLine();
                        if (_count >= 3)
                        {
                            _operands[0] = _operands[2];
                            _count = 1;
                        }
                        ShowOperand(resources);
                        return;
                    case (byte)'W' or (byte)'w' or (byte)'J' or (byte)'j' or (byte)'M' or (byte)'d' or (byte)'i' or (byte)'G' or (byte)'g' or (byte)'K' or (byte)'k':
                        return;
                }
                break;
            case 2:
                switch ((char)op[0], (char)op[1])
                {
                    case ('c', 'm'):
                        if (_count >= 6) _state.Ctm = MatrixOperands().Multiply(_state.Ctm);
                        return;
                    case ('r', 'e'):
                    {
                        BeginSubpath();
                        var (x, y, w, h) = (N(0), N(1), N(2), N(3));
                        var lowerLeft = _state.Ctm.Transform(x, y);
                        var upperRight = _state.Ctm.Transform(x + w, y + h);
                        // PdfPig draws it as four points from these two corners (m, l, l, l, h).
                        var (x0, y0, x1, y1) = (lowerLeft.X, lowerLeft.Y, lowerLeft.X + (upperRight.X - lowerLeft.X), lowerLeft.Y + (upperRight.Y - lowerLeft.Y));
                        _subpath!.Add(x0, y0);
                        _subpath.Add(x1, y0);
                        _subpath.Add(x1, y1);
                        _subpath.Add(x0, y1);
                        _subpath.Lines = 3;
                        _current = _subpathStart = (x0, y0);
                        AddSubpath();
                        return;
                    }
                    case ('f', '*'):
                        Paint(true, false, false);
                        return;
                    case ('B', '*'):
                        Paint(true, true, false);
                        return;
                    case ('b', '*'):
                        Paint(true, true, true);
                        return;
                    case ('B', 'T') or ('E', 'T'):
                        _textMatrix = _textLineMatrix = PdfMatrix.Identity;
                        return;
                    case ('T', 'f'):
                        _state.Font = Font(resources, _count >= 1 ? _operands[0].Value as PdfName : null);
                        _state.FontSize = N(1);
                        return;
                    case ('T', 'm'):
                        if (_count >= 6) _textMatrix = _textLineMatrix = MatrixOperands();
                        return;
                    case ('T', 'd'):
                        MoveLine(N(0), N(1));
                        return;
                    case ('T', 'D'):
                        _state.Leading = -N(1);
                        MoveLine(N(0), N(1));
                        return;
                    case ('T', '*'):
                        NextLine();
                        return;
                    case ('T', 'L'):
                        _state.Leading = N(0);
                        return;
                    case ('T', 'c'):
                        _state.CharacterSpacing = N(0);
                        return;
                    case ('T', 'w'):
                        _state.WordSpacing = N(0);
                        return;
                    case ('T', 'z'):
                        _state.HorizontalScaling = N(0) / 100.0;
                        return;
                    case ('T', 's'):
                        _state.Rise = N(0);
                        return;
                    case ('T', 'r'):
                        return;
                    case ('T', 'j'):
                        ShowOperand(resources);
                        return;
                    case ('T', 'J'):
                        if (_count >= 1 && _operands[0].Value is List<object?> items) ShowPositioned(items);
                        return;
                    case ('D', 'o'):
                        if (_count >= 1 && _operands[0].Value is PdfName name) Form(resources, name);
                        return;
                    case ('W', '*') or ('g', 's') or ('r', 'g') or ('R', 'G') or ('c', 's') or ('C', 'S') or ('s', 'c') or ('S', 'C') or ('s', 'h') or ('r', 'i') or ('d', '0') or ('d', '1') or ('M', 'P') or ('D', 'P') or ('B', 'X') or ('E', 'X'):
                        return;
                    case ('B', 'I'):
                        throw new PdfNotSupportedException("PDF inline image");
                }
                break;
            case 3:
                if (op.SequenceEqual("scn"u8) || op.SequenceEqual("SCN"u8) || op.SequenceEqual("BDC"u8) || op.SequenceEqual("BMC"u8) || op.SequenceEqual("EMC"u8)) return;
                break;
        }
        throw new PdfNotSupportedException($"PDF operator {System.Text.Encoding.Latin1.GetString(op)}");
    }

    private PdfFont Font(Dictionary<string, object?>? resources, PdfName? name)
    {
        var fonts = _file.Dictionary(resources?.GetValueOrDefault("Font"));
        var dictionary = name is null ? null : _file.Dictionary(fonts?.GetValueOrDefault(name.Value));
        if (dictionary is null) throw new PdfNotSupportedException($"PDF font {name?.Value} missing");
        if (!_fonts.TryGetValue(dictionary, out var font)) _fonts[dictionary] = font = PdfFont.Load(_file, dictionary);
        return font;
    }

    private void Form(Dictionary<string, object?>? resources, PdfName name)
    {
        var objects = _file.Dictionary(resources?.GetValueOrDefault("XObject"));
        if (_file.Resolve(objects?.GetValueOrDefault(name.Value)) is not PdfStream stream) throw new PdfNotSupportedException($"PDF XObject {name.Value} missing");
        if (_file.Resolve(stream.Dictionary.GetValueOrDefault("Subtype")) is not PdfName { Value: "Form" }) return;
        if (_formDepth >= MaxFormDepth) throw new PdfNotSupportedException("PDF forms nested too deep");
        var saved = _state;
        var stackDepth = _stack.Count;
        if (_file.Resolve(stream.Dictionary.GetValueOrDefault("Matrix")) is List<object?> { Count: 6 } matrix)
        {
            var m = matrix.Select(o => _file.Resolve(o) as double? ?? 0).ToArray();
            _state.Ctm = new PdfMatrix(m[0], m[1], m[2], m[3], m[4], m[5]).Multiply(_state.Ctm);
        }
        var formResources = _file.Dictionary(stream.Dictionary.GetValueOrDefault("Resources")) ?? resources;
        var operands = _operands;
        var count = _count;
        _operands = new Operand[16];
        _count = 0;
        _formDepth++;
        try
        {
            Run(_file.Decode(stream), formResources);
        }
        finally
        {
            _formDepth--;
            _operands = operands;
            _count = count;
            _state = saved;
            _stack.RemoveRange(stackDepth, _stack.Count - stackDepth);
        }
    }

    private void MoveLine(double x, double y)
    {
        _textLineMatrix = new PdfMatrix(1, 0, 0, 1, x, y).Multiply(_textLineMatrix);
        _textMatrix = _textLineMatrix;
    }

    private void NextLine() => MoveLine(0, -_state.Leading);

    private void BeginSubpath()
    {
        _path ??= [];
        AddSubpath();
        _subpath = new SubpathBuilder();
    }

    private void AddSubpath()
    {
        if (_subpath is null) return;
        _path!.Add(_subpath);
        _subpath = null;
    }

    private void Paint(bool filled, bool stroked, bool close)
    {
        if (_path is null) return;
        if (close && _subpath is not null) _current = _subpathStart;
        AddSubpath();
        var subpaths = new List<PdfDrawnSubpath>(_path.Count);
        foreach (var s in _path)
        {
            if (s.Drawn) subpaths.Add(new PdfDrawnSubpath(new PdfBox(s.MinX, s.MinY, s.MaxX, s.MaxY), !s.Curved && s.Lines is 3 or 4));
        }
        _paths.Add(new PdfDrawnPath(filled, stroked, subpaths));
        _path = null;
    }

    /// <summary>A cubic Bézier from the current point: its box the curve's own, its extremes solved as PdfPig solves them.</summary>
    private void Curve((double X, double Y) c1, (double X, double Y) c2, (double X, double Y) end)
    {
        if (_subpath is null) return;
        var start = _current;
        _subpath.Add(start.X, start.Y);
        _subpath.Add(end.X, end.Y);
        Extremes(start.X, c1.X, c2.X, end.X, out var x1, out var x2);
        Extremes(start.Y, c1.Y, c2.Y, end.Y, out var y1, out var y2);
        foreach (var t in (ReadOnlySpan<double>)[x1, x2])
        {
            if (t > 0 && t < 1) _subpath.Add(Bezier(start.X, c1.X, c2.X, end.X, t), start.Y);
        }
        foreach (var t in (ReadOnlySpan<double>)[y1, y2])
        {
            if (t > 0 && t < 1) _subpath.Add(start.X, Bezier(start.Y, c1.Y, c2.Y, end.Y, t));
        }
        _subpath.Curved = true;
        _current = end;
    }

    private static double Bezier(double p0, double p1, double p2, double p3, double t)
    {
        var u = 1 - t;
        return u * u * u * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t * t * t * p3;
    }

    /// <summary>Where the curve's derivative is zero: the roots of a·t² + b·t + c (NaN when there is none).</summary>
    private static void Extremes(double p0, double p1, double p2, double p3, out double t1, out double t2)
    {
        var a = -p0 + 3 * p1 - 3 * p2 + p3;
        var b = 2 * (p0 - 2 * p1 + p2);
        var c = p1 - p0;
        t1 = t2 = double.NaN;
        if (Math.Abs(a) < 1e-12)
        {
            if (Math.Abs(b) > 1e-12) t1 = -c / b;
            return;
        }
        var discriminant = b * b - 4 * a * c;
        if (discriminant < 0) return;
        var root = Math.Sqrt(discriminant);
        t1 = (-b + root) / (2 * a);
        t2 = (-b - root) / (2 * a);
    }

    private void ShowOperand(Dictionary<string, object?>? resources)
    {
        if (_count >= 1 && _operands[_count - 1].Value is byte[] text) Show(text);
    }

    private void ShowPositioned(List<object?> items)
    {
        foreach (var item in items)
        {
            if (item is double adjustment) _textMatrix = new PdfMatrix(1, 0, 0, 1, -adjustment / 1000 * _state.FontSize * _state.HorizontalScaling, 0).Multiply(_textMatrix);
            else if (item is byte[] text) Show(text);
        }
    }

    /// <summary>Shows a string: a letter per code, each advancing the text matrix by its width and the spacing.</summary>
    private void Show(byte[] text)
    {
        var font = _state.Font ?? throw new PdfNotSupportedException("PDF text shown before a font was set");
        var fontSize = _state.FontSize;
        var scaling = _state.HorizontalScaling;
        var ctm = _state.Ctm;
        var rendering = new PdfMatrix(fontSize * scaling, 0, 0, fontSize, 0, _state.Rise);
        // As PdfPig sizes a letter: the height of a font-size-tall rectangle through the matrix and the text matrix.
        var size = ctm.Multiply(_textMatrix);
        var (topX, topY) = size.Transform(0, fontSize);
        var (bottomX, bottomY) = size.Transform(0, 0);
        var pointSize = Math.Round(Math.Sqrt((bottomX - topX) * (bottomX - topX) + (bottomY - topY) * (bottomY - topY)), 2);
        for (var at = 0; at < text.Length;)
        {
            var code = font.ReadCode(text, ref at, out var length);
            var width = font.Width(code);
            var start = Place(rendering, ctm, 0, 0);
            var end = Place(rendering, ctm, width, 0);
            var a = Place(rendering, ctm, 0, font.Descent);
            var b = Place(rendering, ctm, width, font.Ascent);
            var box = new PdfBox(Math.Min(a.X, b.X), Math.Min(a.Y, b.Y), Math.Max(a.X, b.X), Math.Max(a.Y, b.Y));
            _letters.Add(new PdfLetter(font.Text(code), new PdfPoint(start.X, start.Y), new PdfPoint(end.X, end.Y), pointSize, box));
            var wordSpacing = code == 32 && length == 1 ? _state.WordSpacing : 0;
            _textMatrix = _textMatrix.Translate((width * fontSize + _state.CharacterSpacing + wordSpacing) * scaling, 0);
        }
    }

    /// <summary>A point of text space through the rendering, text and current matrices, in that order.</summary>
    private (double X, double Y) Place(in PdfMatrix rendering, in PdfMatrix ctm, double x, double y)
    {
        var p = rendering.Transform(x, y);
        p = _textMatrix.Transform(p.X, p.Y);
        return ctm.Transform(p.X, p.Y);
    }
}
