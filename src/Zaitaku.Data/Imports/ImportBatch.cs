using Zaitaku.Organization;

namespace Zaitaku.Data.Imports;

/// <summary>
/// An uploaded file waiting between its preview and its commit, so that what is committed is
/// exactly the file that was previewed.
/// </summary>
public sealed class ImportBatch : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>What the file imports, e.g. <c>staff</c>.</summary>
    public required string Kind { get; set; }

    public required string FileName { get; set; }

    public required byte[] Content { get; set; }

    /// <summary>Hex SHA-256 of the content, recorded in the audit trail.</summary>
    public required string ContentHash { get; set; }

    public Guid UploadedBy { get; set; }

    public DateTimeOffset UploadedAt { get; set; }

    public DateTimeOffset? CommittedAt { get; set; }
}
