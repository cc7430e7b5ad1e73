using InfoDisclosure.Workflow.Web;

namespace InfoDisclosure.Workflow.Notifications;

/// <summary>
/// Writes one e-mail's HTML and plain-text bodies side by side so the two always say the same thing. The HTML comes
/// from the <see cref="MailBody"/> component, which escapes every text; callers never pass markup.
/// </summary>
internal sealed class MailBuilder
{
    private readonly List<MailBlock> blocks = [];
    private readonly System.Text.StringBuilder text = new();

    public MailBuilder Heading(string value)
    {
        blocks.Add(new MailBlock.Heading(value));
        text.Append(value).Append('\n').Append(new string('=', Math.Min(40, value.Length * 2))).Append("\n\n");
        return this;
    }

    public MailBuilder Paragraph(string value)
    {
        blocks.Add(new MailBlock.Paragraph(value));
        text.Append(value).Append("\n\n");
        return this;
    }

    public MailBuilder Fields(IEnumerable<(string Label, string Value)> fields)
    {
        var list = fields.ToList();
        blocks.Add(new MailBlock.Fields(list));
        foreach (var (label, value) in list) text.Append(label).Append('：').Append(value).Append('\n');
        text.Append('\n');
        return this;
    }

    public MailBuilder List(string title, IEnumerable<string> items)
    {
        var list = items.ToList();
        if (list.Count == 0) return this;
        blocks.Add(new MailBlock.Items(title, list));
        text.Append(title).Append('\n');
        foreach (var item in list) text.Append("  - ").Append(item).Append('\n');
        text.Append('\n');
        return this;
    }

    public MailBuilder Quote(string label, string value)
    {
        blocks.Add(new MailBlock.Quote(label, value));
        text.Append(label).Append('\n');
        foreach (var line in value.Split('\n')) text.Append("> ").Append(line.TrimEnd('\r')).Append('\n');
        text.Append('\n');
        return this;
    }

    public MailBuilder Link(string label, string url)
    {
        blocks.Add(new MailBlock.Link(label, url));
        text.Append(label).Append('：').Append(url).Append("\n\n");
        return this;
    }

    public MailBuilder Note(string value)
    {
        blocks.Add(new MailBlock.Note(value));
        text.Append("-- \n").Append(value).Append('\n');
        return this;
    }

    public EmailMessage Build(IReadOnlyList<EmailAddress> to, string subject) => new(to, subject,
        PageRenderer.Standalone.RenderSynchronously<MailBody>(new Dictionary<string, object?>
        {
            [nameof(MailBody.Subject)] = subject,
            [nameof(MailBody.Blocks)] = blocks,
        }),
        text.ToString());
}

/// <summary>One block of an e-mail's body, in the order written.</summary>
public abstract record MailBlock
{
    public sealed record Heading(string Text) : MailBlock;

    public sealed record Paragraph(string Text) : MailBlock;

    public sealed record Fields(IReadOnlyList<(string Label, string Value)> Rows) : MailBlock;

    public sealed record Items(string Title, IReadOnlyList<string> Entries) : MailBlock;

    public sealed record Quote(string Label, string Text) : MailBlock;

    public sealed record Link(string Label, string Url) : MailBlock;

    public sealed record Note(string Text) : MailBlock;
}
