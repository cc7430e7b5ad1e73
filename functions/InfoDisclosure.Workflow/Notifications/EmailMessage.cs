namespace InfoDisclosure.Workflow.Notifications;

public sealed record EmailAddress(string Name, string Address)
{
    public override string ToString() => string.IsNullOrWhiteSpace(Name) ? Address : $"{Name} <{Address}>";
}

/// <summary>One e-mail: an HTML body and the same content as plain text for clients that do not show HTML.</summary>
public sealed record EmailMessage(IReadOnlyList<EmailAddress> To, string Subject, string HtmlBody, string TextBody);

public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
