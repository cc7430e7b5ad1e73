namespace InfoDisclosure.Cli;

/// <summary>
/// A small hand parser: positional arguments, flags (--json) and options with a value (--to html, --to=html, -o FILE).
/// "--" ends the options.
/// </summary>
public sealed class Arguments
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = [];

    public static Arguments Parse(IEnumerable<string> args, IReadOnlySet<string> flags, IReadOnlySet<string> options)
    {
        var result = new Arguments();
        using var e = args.GetEnumerator();
        var onlyPositional = false;
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (onlyPositional || !arg.StartsWith('-') || arg == "-")
            {
                result.Positional.Add(arg);
                continue;
            }
            if (arg == "--")
            {
                onlyPositional = true;
                continue;
            }
            var (name, inlineValue) = arg.IndexOf('=') is var eq and > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
            if (flags.Contains(name) && inlineValue is null)
            {
                result._flags.Add(name);
            }
            else if (options.Contains(name))
            {
                var value = inlineValue ?? (e.MoveNext() ? e.Current : throw new InputException($"选项 {name} 缺少值 (option {name} needs a value)"));
                if (!result._options.TryAdd(name, value)) throw new InputException($"选项 {name} 重复 (option {name} given twice)");
            }
            else
            {
                throw new InputException($"未知选项 {arg} (unknown option)");
            }
        }
        return result;
    }

    public bool Has(string flag) => _flags.Contains(flag);

    public string? Get(string option) => _options.GetValueOrDefault(option);

    public string Require(string option) =>
        Get(option) ?? throw new InputException($"缺少选项 {option} (option {option} is required)");
}
