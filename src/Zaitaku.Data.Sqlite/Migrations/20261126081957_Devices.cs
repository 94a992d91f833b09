using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zaitaku.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Devices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DeviceAuthorities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CertificateDer = table.Column<byte[]>(type: "BLOB", nullable: false),
                    SubjectKey = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    PrivateKeyProtected = table.Column<byte[]>(type: "BLOB", nullable: false),
                    KeyProtection = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    NotAfter = table.Column<long>(type: "INTEGER", nullable: false),
                    LastCrlNumber = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeviceAuthorities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeviceAuthorities_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DeviceComplianceRules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AntivirusDefinitionsMaxAgeDays = table.Column<int>(type: "INTEGER", nullable: false),
                    DiskEncryptionRequired = table.Column<bool>(type: "INTEGER", nullable: false),
                    LocalUserDataForbidden = table.Column<bool>(type: "INTEGER", nullable: false),
                    ScreenCaptureBlockingRequired = table.Column<bool>(type: "INTEGER", nullable: false),
                    MinimumAgentVersion = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    MinimumOsBuild = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeviceComplianceRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeviceComplianceRules_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DeviceModels",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Manufacturer = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeviceModels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeviceModels_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "KittingChecklistItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LabelJa = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LabelEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KittingChecklistItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KittingChecklistItems_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LeaseContracts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContractNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Lessor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    MonthlyFeePerPcYen = table.Column<long>(type: "INTEGER", nullable: false),
                    KittingFeePerPcYen = table.Column<long>(type: "INTEGER", nullable: false),
                    Start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    End = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeaseContracts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LeaseContracts_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LendingTerms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PublishedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LendingTerms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LendingTerms_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Devices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AssetTag = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SerialNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    LeaseContractId = table.Column<Guid>(type: "TEXT", nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RegisteredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastChangedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CertificateNotAfter = table.Column<long>(type: "INTEGER", nullable: true),
                    CertificateNotBefore = table.Column<long>(type: "INTEGER", nullable: true),
                    CertificateRevocationReason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    CertificateRevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CertificateSerial = table.Column<string>(type: "TEXT", maxLength: 66, nullable: true),
                    CertificateSubject = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    CertificateThumbprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ErasureCertificateNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ErasureDocument = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ErasedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ErasureMethod = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ErasureOperator = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LoanAcceptedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LoanBorrower = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LoanDueDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LoanLentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LoanLentBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    LoanTermsVersion = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    WipeCircumstances = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    WipeOrderedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    WipeOrderedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Checklist = table.Column<string>(type: "TEXT", nullable: false),
                    ChecklistTicks = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Devices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Devices_LeaseContracts_LeaseContractId",
                        column: x => x.LeaseContractId,
                        principalTable: "LeaseContracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Devices_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CertificateHandouts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeviceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ProtectedContent = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CertificateHandouts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CertificateHandouts_Devices_DeviceId",
                        column: x => x.DeviceId,
                        principalTable: "Devices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DeviceCertificates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeviceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SerialNumber = table.Column<string>(type: "TEXT", maxLength: 66, nullable: false),
                    Thumbprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    NotBefore = table.Column<long>(type: "INTEGER", nullable: false),
                    NotAfter = table.Column<long>(type: "INTEGER", nullable: false),
                    IssuedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    IssuedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RevocationReason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeviceCertificates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeviceCertificates_Devices_DeviceId",
                        column: x => x.DeviceId,
                        principalTable: "Devices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DeviceCertificates_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DeviceDocuments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeviceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeviceDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeviceDocuments_Devices_DeviceId",
                        column: x => x.DeviceId,
                        principalTable: "Devices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DeviceEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeviceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Operation = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Details = table.Column<string>(type: "TEXT", nullable: false),
                    CertificateIssued = table.Column<string>(type: "TEXT", maxLength: 66, nullable: true),
                    CertificateRevoked = table.Column<string>(type: "TEXT", maxLength: 66, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeviceEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeviceEvents_Devices_DeviceId",
                        column: x => x.DeviceId,
                        principalTable: "Devices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DeviceNotices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeviceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ReportedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    AcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeviceNotices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeviceNotices_Devices_DeviceId",
                        column: x => x.DeviceId,
                        principalTable: "Devices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DevicePostureReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeviceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CertificateSerial = table.Column<string>(type: "TEXT", maxLength: 66, nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    OsBuild = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AntivirusDefinitionsDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DiskEncrypted = table.Column<bool>(type: "INTEGER", nullable: false),
                    UserDataStoredLocally = table.Column<bool>(type: "INTEGER", nullable: false),
                    ScreenCaptureBlocked = table.Column<bool>(type: "INTEGER", nullable: false),
                    AgentVersion = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ReportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Compliant = table.Column<bool>(type: "INTEGER", nullable: false),
                    FailureCodes = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Failures = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DevicePostureReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DevicePostureReports_Devices_DeviceId",
                        column: x => x.DeviceId,
                        principalTable: "Devices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CertificateHandouts_DeviceId",
                table: "CertificateHandouts",
                column: "DeviceId");

            migrationBuilder.CreateIndex(
                name: "IX_CertificateHandouts_ExpiresAt",
                table: "CertificateHandouts",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_CertificateHandouts_TokenHash",
                table: "CertificateHandouts",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DeviceAuthorities_SubjectKey",
                table: "DeviceAuthorities",
                column: "SubjectKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DeviceAuthorities_TenantId",
                table: "DeviceAuthorities",
                column: "TenantId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DeviceCertificates_DeviceId",
                table: "DeviceCertificates",
                column: "DeviceId");

            migrationBuilder.CreateIndex(
                name: "IX_DeviceCertificates_TenantId_DeviceId",
                table: "DeviceCertificates",
                columns: new[] { "TenantId", "DeviceId" });

            migrationBuilder.CreateIndex(
                name: "IX_DeviceCertificates_TenantId_RevokedAt",
                table: "DeviceCertificates",
                columns: new[] { "TenantId", "RevokedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DeviceCertificates_TenantId_SerialNumber",
                table: "DeviceCertificates",
                columns: new[] { "TenantId", "SerialNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DeviceComplianceRules_TenantId",
                table: "DeviceComplianceRules",
                column: "TenantId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DeviceDocuments_DeviceId",
                table: "DeviceDocuments",
                column: "DeviceId");

            migrationBuilder.CreateIndex(
                name: "IX_DeviceDocuments_TenantId_DeviceId",
                table: "DeviceDocuments",
                columns: new[] { "TenantId", "DeviceId" });

            migrationBuilder.CreateIndex(
                name: "IX_DeviceEvents_DeviceId_Sequence",
                table: "DeviceEvents",
                columns: new[] { "DeviceId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DeviceEvents_TenantId_Operation_At",
                table: "DeviceEvents",
                columns: new[] { "TenantId", "Operation", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_DeviceModels_TenantId_Name",
                table: "DeviceModels",
                columns: new[] { "TenantId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DeviceNotices_DeviceId",
                table: "DeviceNotices",
                column: "DeviceId");

            migrationBuilder.CreateIndex(
                name: "IX_DeviceNotices_TenantId_AcknowledgedAt",
                table: "DeviceNotices",
                columns: new[] { "TenantId", "AcknowledgedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DevicePostureReports_DeviceId",
                table: "DevicePostureReports",
                column: "DeviceId");

            migrationBuilder.CreateIndex(
                name: "IX_DevicePostureReports_TenantId_DeviceId_ReceivedAt",
                table: "DevicePostureReports",
                columns: new[] { "TenantId", "DeviceId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Devices_LeaseContractId",
                table: "Devices",
                column: "LeaseContractId");

            migrationBuilder.CreateIndex(
                name: "IX_Devices_TenantId_AssetTag",
                table: "Devices",
                columns: new[] { "TenantId", "AssetTag" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Devices_TenantId_Model_AssetTag",
                table: "Devices",
                columns: new[] { "TenantId", "Model", "AssetTag" });

            migrationBuilder.CreateIndex(
                name: "IX_Devices_TenantId_SerialNumber",
                table: "Devices",
                columns: new[] { "TenantId", "SerialNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Devices_TenantId_State_AssetTag",
                table: "Devices",
                columns: new[] { "TenantId", "State", "AssetTag" });

            migrationBuilder.CreateIndex(
                name: "IX_KittingChecklistItems_TenantId_Code",
                table: "KittingChecklistItems",
                columns: new[] { "TenantId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LeaseContracts_TenantId_ContractNumber",
                table: "LeaseContracts",
                columns: new[] { "TenantId", "ContractNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LendingTerms_TenantId_Number",
                table: "LendingTerms",
                columns: new[] { "TenantId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LendingTerms_TenantId_Version",
                table: "LendingTerms",
                columns: new[] { "TenantId", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CertificateHandouts");

            migrationBuilder.DropTable(
                name: "DeviceAuthorities");

            migrationBuilder.DropTable(
                name: "DeviceCertificates");

            migrationBuilder.DropTable(
                name: "DeviceComplianceRules");

            migrationBuilder.DropTable(
                name: "DeviceDocuments");

            migrationBuilder.DropTable(
                name: "DeviceEvents");

            migrationBuilder.DropTable(
                name: "DeviceModels");

            migrationBuilder.DropTable(
                name: "DeviceNotices");

            migrationBuilder.DropTable(
                name: "DevicePostureReports");

            migrationBuilder.DropTable(
                name: "KittingChecklistItems");

            migrationBuilder.DropTable(
                name: "LendingTerms");

            migrationBuilder.DropTable(
                name: "Devices");

            migrationBuilder.DropTable(
                name: "LeaseContracts");
        }
    }
}
