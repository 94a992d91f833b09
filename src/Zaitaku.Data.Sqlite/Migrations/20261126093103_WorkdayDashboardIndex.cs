using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Zaitaku.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class WorkdayDashboardIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Workdays_TenantId_Date",
                table: "Workdays");

            migrationBuilder.CreateIndex(
                name: "IX_Workdays_TenantId_Date_Place_StaffId",
                table: "Workdays",
                columns: new[] { "TenantId", "Date", "Place", "StaffId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Workdays_TenantId_Date_Place_StaffId",
                table: "Workdays");

            migrationBuilder.CreateIndex(
                name: "IX_Workdays_TenantId_Date",
                table: "Workdays",
                columns: new[] { "TenantId", "Date" });
        }
    }
}
