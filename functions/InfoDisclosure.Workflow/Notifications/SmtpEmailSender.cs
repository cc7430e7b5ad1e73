using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace InfoDisclosure.Workflow.Notifications;

/// <summary>Sends over SMTP with MailKit: multipart/alternative, text first and HTML last as RFC 2046 orders them.</summary>
public sealed class SmtpEmailSender(IOptions<SmtpOptions> options, TimeProvider time) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.To.Count == 0) throw new ArgumentException("An e-mail needs at least one recipient.", nameof(message));
        var settings = options.Value;
        if (!settings.IsConfigured) throw new InvalidOperationException("Smtp:Host is not configured.");

        using var mime = ToMime(message, settings.From, time.GetUtcNow());
        using var client = new SmtpClient();
        var security = !settings.UseTls ? SecureSocketOptions.None
            : settings.Port == 465 ? SecureSocketOptions.SslOnConnect
            : SecureSocketOptions.StartTls;
        await client.ConnectAsync(settings.Host!, settings.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.User))
        {
            await client.AuthenticateAsync(settings.User, settings.Password ?? "", cancellationToken);
        }
        await client.SendAsync(mime, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    public static MimeMessage ToMime(EmailMessage message, string from, DateTimeOffset date)
    {
        var mime = new MimeMessage { Subject = message.Subject, Date = date };
        mime.From.Add(MailboxAddress.Parse(from));
        foreach (var to in message.To) mime.To.Add(new MailboxAddress(to.Name, to.Address));
        if (message.MessageId is { Length: > 0 } id) mime.MessageId = id;
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        foreach (var file in message.Attachments ?? []) body.Attachments.Add(file.FileName, file.Content, ContentType.Parse(file.ContentType));
        mime.Body = body.ToMessageBody();
        return mime;
    }
}
