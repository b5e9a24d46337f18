package io.inetpublish.notify.settings.web;

import static io.inetpublish.common.test.security.TestTokens.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.List;

import io.inetpublish.common.security.Role;
import io.inetpublish.common.test.ControllerSliceTest;
import io.inetpublish.notify.settings.SettingsService;
import io.inetpublish.notify.settings.SettingsView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * What the Feishu settings API makes of HTTP, with SettingsService mocked: the settings are an admin's, reading
 * included (they name the app and its webhooks), and a body missing what every webhook needs is refused naming the
 * field before the service is asked. What the service checks itself (webhook addresses, event types, ids, secrets
 * kept sealed) is SettingsIT's.
 */
@ControllerSliceTest(SettingsController.class)
class SettingsControllerTest {

    static final String SETTINGS = "/api/notifications/settings";

    @Autowired
    MockMvcTester mvc;
    @MockitoBean
    SettingsService settings;

    @ParameterizedTest
    @EnumSource(value = Role.class, names = "ADMIN", mode = EnumSource.Mode.EXCLUDE)
    void onlyAnAdminReadsOrChangesTheSettings(Role role) {
        assertThat(mvc.get().uri(SETTINGS).with(bearer(role))).hasStatus(HttpStatus.FORBIDDEN)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(mvc.put().uri(SETTINGS).with(bearer(role)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"webhooks\":[]}")).hasStatus(HttpStatus.FORBIDDEN);
        verifyNoInteractions(settings);
    }

    @Test
    void anAdminReadsAndChangesThem() {
        SettingsView view = new SettingsView("cli_app", true, List.of(), null, null);
        when(settings.view()).thenReturn(view);
        when(settings.update(any())).thenReturn(view);

        assertThat(mvc.get().uri(SETTINGS).with(bearer(Role.ADMIN))).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.appId", v -> v.assertThat().isEqualTo("cli_app"))
                .hasPathSatisfying("$.appSecretSet", v -> v.assertThat().isEqualTo(true));
        assertThat(mvc.put().uri(SETTINGS).with(bearer(Role.ADMIN)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"webhooks\":[]}")).hasStatusOk();
    }

    @Test
    void aWebhookWithoutANameOrEventTypesOrNoWebhookListIsRefusedNamingTheField() {
        assertThat(mvc.put().uri(SETTINGS).contentType(MediaType.APPLICATION_JSON)
                .content("{\"appId\":\"x\",\"webhooks\":[{\"url\":\"https://open.feishu.cn/open-apis/bot/v2/hook/a\","
                        + "\"eventTypes\":[]},{\"name\":\"b\",\"url\":\"https://open.feishu.cn/open-apis/bot/v2/hook/b\"}]}"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[*].field").asArray()
                .containsExactlyInAnyOrder("webhooks[0].name", "webhooks[1].eventTypes");
        assertThat(mvc.put().uri(SETTINGS).contentType(MediaType.APPLICATION_JSON).content("{\"appId\":\"x\"}"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].field")
                .isEqualTo("webhooks");
        verifyNoInteractions(settings);
    }
}
