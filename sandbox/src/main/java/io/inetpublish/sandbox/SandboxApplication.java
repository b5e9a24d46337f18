package io.inetpublish.sandbox;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Dev-only stand-in for Feishu ({@code /open-apis/**}, authorize page, inbox) and Jenkins ({@code /jenkins/**}).
 * See docs/integrations.md for the protocols it follows.
 */
@SpringBootApplication
public class SandboxApplication {

    public static void main(String[] args) {
        SpringApplication.run(SandboxApplication.class, args);
    }
}
