import Foundation
import ImpactCore

/// Prints the HTML fact sheet to PDF with Debian's headless Chromium, when it is
/// installed; its time stamps are pinned to the as-of date (`PDFDates`), with the
/// browser run in UTC so that their zone is the same on every machine.
enum PDFPrinter {
    enum Outcome {
        case written(String)
        case unavailable(String)
        case failed(String)
    }

    static func browser() -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in paths {
                let candidate = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    static func print(html: String, to pdf: String, asOf: Day) -> Outcome {
        guard let browser = browser() else {
            return .unavailable("--pdf: no Chromium found; install it with `apt-get install -y --no-install-recommends chromium`, then run again (the HTML and text were written)")
        }
        let folder = (pdf as NSString).deletingLastPathComponent
        let temporary = (folder.isEmpty ? "" : folder + "/") + ".factsheet.pdf.\(getpid()).tmp"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        let absolute = URL(fileURLWithPath: html).standardizedFileURL.path
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                             "--print-to-pdf=\(temporary)", "file://\(absolute)"]
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = "UTC"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return .failed("cannot start \(browser): \(error.localizedDescription)")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: temporary) else {
            try? FileManager.default.removeItem(atPath: temporary)
            return .failed("\(browser) exited with status \(process.terminationStatus)")
        }
        do {
            var data = try Data(contentsOf: URL(fileURLWithPath: temporary))
            if PDFDates.pin(&data, to: asOf) > 0 { try data.write(to: URL(fileURLWithPath: temporary)) }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            return .failed("cannot set the PDF's dates: \(error.localizedDescription)")
        }
        if rename(temporary, pdf) != 0 {
            return .failed("cannot move the PDF into place: \(String(cString: strerror(errno)))")
        }
        return .written(pdf)
    }
}
