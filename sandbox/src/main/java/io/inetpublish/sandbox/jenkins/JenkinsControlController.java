package io.inetpublish.sandbox.jenkins;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sandbox-only knobs of the emulated Jenkins (not Jenkins' API): {@code POST /sandbox/jenkins/package-padding?bytes=N}
 * makes every later package archive an extra generated file of N bytes (the 500 MB bundle benchmark; 0 = none).
 */
@RestController
@RequestMapping("/sandbox/jenkins")
class JenkinsControlController {

    private final SandboxJenkins jenkins;

    JenkinsControlController(SandboxJenkins jenkins) {
        this.jenkins = jenkins;
    }

    @PostMapping("/package-padding")
    Map<String, Long> packagePadding(@RequestParam long bytes) {
        jenkins.packagePadding(bytes);
        return Map.of("bytes", jenkins.packagePadding());
    }

    @GetMapping("/package-padding")
    Map<String, Long> packagePadding() {
        return Map.of("bytes", jenkins.packagePadding());
    }
}
