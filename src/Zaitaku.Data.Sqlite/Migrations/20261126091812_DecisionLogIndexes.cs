using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zaitaku.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DecisionLogIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Decisions_TenantId_DeviceSerial_At",
                table: "Decisions",
                columns: new[] { "TenantId", "DeviceSerial", "At" },
                filter: "\"Kind\" = 'Decision'");

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_TenantId_SourceAddress_At",
                table: "Decisions",
                columns: new[] { "TenantId", "SourceAddress", "At" },
                filter: "\"Kind\" = 'Decision'");

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_TenantId_StaffNumber_At",
                table: "Decisions",
                columns: new[] { "TenantId", "StaffNumber", "At" },
                filter: "\"Kind\" = 'Decision'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Decisions_TenantId_DeviceSerial_At",
                table: "Decisions");

            migrationBuilder.DropIndex(
                name: "IX_Decisions_TenantId_SourceAddress_At",
                table: "Decisions");

            migrationBuilder.DropIndex(
                name: "IX_Decisions_TenantId_StaffNumber_At",
                table: "Decisions");
        }
    }
}
