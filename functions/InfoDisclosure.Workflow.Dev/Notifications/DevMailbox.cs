using MimeKit;

namespace InfoDisclosure.Workflow.Dev.Notifications;

/// <summary>A file attached to a received message, decoded.</summary>
public sealed record ReceivedAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>One message the embedded SMTP server accepted.</summary>
public sealed record ReceivedMail(
    long Id,
    DateTimeOffset ReceivedAt,
    string From,
    IReadOnlyList<string> To,
    string Subject,
    string? HtmlBody,
    string? TextBody,
    IReadOnlyList<ReceivedAttachment>? Attachments = null,
    string? MessageId = null)
{
    public static ReceivedMail Of(long id, DateTimeOffset receivedAt, MimeMessage message) => new(
        id,
        receivedAt,
        message.From.ToString(),
        message.To.Mailboxes.Select(m => m.Address).ToList(),
        message.Subject ?? "",
        message.HtmlBody,
        message.TextBody,
        message.Attachments.OfType<MimePart>().Select(Decode).ToList(),
        message.MessageId);

    private static ReceivedAttachment Decode(MimePart part)
    {
        using var content = new MemoryStream();
        part.Content?.DecodeTo(content);
        return new ReceivedAttachment(part.FileName ?? "", part.ContentType.MimeType, content.ToArray());
    }
}

/// <summary>
/// The in-memory store of the embedded SMTP server: the dev mailbox page lists it and tests wait on it.
/// Lost on restart by design; it only ever holds mail of a development or test run.
/// </summary>
public sealed class DevMailbox(TimeProvider time)
{
    private readonly Lock gate = new();
    private readonly List<ReceivedMail> messages = [];
    private readonly List<(Func<ReceivedMail, bool> Match, TaskCompletionSource<ReceivedMail> Done)> waiters = [];
    private long nextId;

    public IReadOnlyList<ReceivedMail> Messages
    {
        get
        {
            lock (gate) return messages.ToList();
        }
    }

    public ReceivedMail Add(MimeMessage message)
    {
        List<TaskCompletionSource<ReceivedMail>> satisfied;
        ReceivedMail mail;
        lock (gate)
        {
            mail = ReceivedMail.Of(++nextId, time.GetUtcNow(), message);
            messages.Add(mail);
            satisfied = waiters.Where(w => w.Match(mail)).Select(w => w.Done).ToList();
            waiters.RemoveAll(w => satisfied.Contains(w.Done));
        }
        foreach (var done in satisfied) done.TrySetResult(mail);
        return mail;
    }

    /// <summary>The first message (already received or arriving later) that matches; fails after <paramref name="timeout"/>.</summary>
    public async Task<ReceivedMail> WaitForAsync(Func<ReceivedMail, bool> match, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource<ReceivedMail>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            var existing = messages.FirstOrDefault(match);
            if (existing is not null) return existing;
            waiters.Add((match, done));
        }
        try
        {
            return await done.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            lock (gate) waiters.RemoveAll(w => w.Done == done);
            var subjects = string.Join(" | ", Messages.Select(m => $"{string.Join(",", m.To)}: {m.Subject}"));
            throw new TimeoutException($"No matching e-mail within {timeout.TotalSeconds:0} s. Received so far: {subjects}");
        }
    }
}
