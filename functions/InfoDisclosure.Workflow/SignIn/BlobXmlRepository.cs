using System.Xml.Linq;
using Azure;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace InfoDisclosure.Workflow.SignIn;

/// <summary>
/// ASP.NET Core Data Protection's key ring in Blob storage (container "dataprotection-keys", one blob per key), so
/// every instance and every restart reads the same keys and accepts the same session cookies and anti-forgery tokens.
/// The interface is synchronous; it is called when the key ring is loaded or a key is created (rarely), not per request.
/// </summary>
public sealed class BlobXmlRepository(BlobContainerClient container) : IXmlRepository
{
    public const string ContainerName = "dataprotection-keys";
    private int _created;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        EnsureContainer();
        var elements = new List<XElement>();
        foreach (var item in container.GetBlobs())
        {
            var content = container.GetBlobClient(item.Name).DownloadContent().Value.Content;
            using var stream = content.ToStream();
            elements.Add(XElement.Load(stream));
        }
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        EnsureContainer();
        var name = $"{(string.IsNullOrWhiteSpace(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName)}.xml";
        try
        {
            container.GetBlobClient(name).Upload(BinaryData.FromString(element.ToString(SaveOptions.DisableFormatting)), overwrite: false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Keys are never rewritten: another instance stored this one first.
        }
    }

    private void EnsureContainer()
    {
        if (Interlocked.Exchange(ref _created, 1) == 0) container.CreateIfNotExists();
    }
}
