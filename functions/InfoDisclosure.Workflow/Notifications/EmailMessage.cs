namespace InfoDisclosure.Workflow.Notifications;

public sealed record EmailAddress(string Name, string Address)
{
    public override string ToString() => string.IsNullOrWhiteSpace(Name) ? Address : $"{Name} <{Address}>";
}

/// <summary>A file attached to an e-mail.</summary>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>
/// One e-mail: an HTML body and the same content as plain text for clients that do not show HTML; attachments (报送);
/// a fixed Message-ID when the sender must be recognisable if it ever goes out twice.
/// </summary>
public sealed record EmailMessage(
    IReadOnlyList<EmailAddress> To, string Subject, string HtmlBody, string TextBody,
    IReadOnlyList<EmailAttachment>? Attachments = null, string? MessageId = null);

public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
